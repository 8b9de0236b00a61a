using System.Data.Common;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Access;

/// <summary>The per-request freshness check of cached rights: one primary-key lookup, on an installation that counts its commands.</summary>
public sealed class FreshnessCheckTests : IAsyncLifetime
{
    private readonly CommandLog log = new();
    private readonly GydexFactory factory;

    public FreshnessCheckTests() =>
        factory = new GydexFactory { TestServices = s => s.AddSingleton<IOrgDbInterceptor>(log) };

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private sealed class CommandLog : DbCommandInterceptor, IOrgDbInterceptor
    {
        private readonly List<string> commands = [];

        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (commands)
                    return commands.ToList();
            }
        }

        public void Clear()
        {
            lock (commands)
                commands.Clear();
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (commands)
                commands.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task Warm_rights_cost_one_lookup_of_the_access_stamp_and_a_change_is_seen_at_once()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.UserWithRightsAsync(org, "ivanov", AdministrationRights.Groups);

        var (warm, changed) = await factory.InOrgAsync(org, async sp =>
        {
            var access = sp.GetRequiredService<AccessService>();
            var catalog = sp.GetRequiredService<RightCatalog>();
            await access.EffectiveAsync(user.Id, CancellationToken.None);
            log.Clear();
            await access.EffectiveAsync(user.Id, CancellationToken.None);
            var warmCommands = log.Commands;

            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new UserGrant { UserId = user.Id, RightCode = AdministrationRights.Departments.Code });
            await db.SaveChangesAsync();
            var after = await access.EffectiveAsync(user.Id, CancellationToken.None);
            return (warmCommands, after.Has(catalog.IndexOf(AdministrationRights.Departments)));
        });

        Assert.Single(warm);
        Assert.Contains("AccessStamps", warm[0], StringComparison.Ordinal);
        Assert.True(changed, "the new grant is in force at the next check");
    }
}
