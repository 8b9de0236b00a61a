using System.Data.Common;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Access;

/// <summary>The freshness of cached rights: the organization's stamp as the node read it a moment ago, forgotten when a change commits here, read again after its fresh period for changes on other nodes.</summary>
public sealed class FreshnessCheckTests : IAsyncLifetime
{
    private readonly CommandLog log = new();
    private readonly GydexFactory factory;

    public FreshnessCheckTests() =>
        factory = new GydexFactory { TestServices = s => s.AddSingleton<IOrgDbInterceptor>(log) }.With("Access:StampFreshFor", "00:01:00");

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
    public async Task Warm_rights_cost_no_lookup_while_the_stamp_is_fresh_and_a_change_saved_on_this_node_is_seen_at_once()
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

        Assert.Empty(warm);
        Assert.True(changed, "the new grant is in force at the next check");
    }

    [Fact]
    public async Task A_change_inside_a_transaction_is_seen_once_committed_and_not_before()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.UserWithRightsAsync(org, "petrov", AdministrationRights.Groups);
        Task<bool> HeldAsync() => factory.InOrgAsync(org, async sp =>
            (await sp.GetRequiredService<AccessService>().EffectiveAsync(user.Id, CancellationToken.None))
                .Has(sp.GetRequiredService<RightCatalog>().IndexOf(AdministrationRights.Departments)));
        Assert.False(await HeldAsync());

        var (during, after) = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(new UserGrant { UserId = user.Id, RightCode = AdministrationRights.Departments.Code });
            await db.SaveChangesAsync();
            // Another request meanwhile reads the stamp as committed: the old one. Forgetting the stamp at SaveChanges
            // would let it keep that old stamp as fresh, and the commit below would go unseen.
            var whileOpen = await HeldAsync();
            await transaction.CommitAsync();
            return (whileOpen, await HeldAsync());
        });

        Assert.False(during, "an uncommitted grant is not in force");
        Assert.True(after, "the committed grant is in force at the next check");
    }

    [Fact]
    public async Task A_change_saved_on_another_node_is_seen_here_within_the_stamps_fresh_period()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.UserWithRightsAsync(org, "sidorov", AdministrationRights.Groups);
        await using var other = await new GydexFactory(factory.Slot).With("Access:StampFreshFor", "00:00:01").StartAsync();
        Task<bool> HeldOnOtherAsync() => other.InOrgAsync(org, async sp =>
            (await sp.GetRequiredService<AccessService>().EffectiveAsync(user.Id, CancellationToken.None))
                .Has(sp.GetRequiredService<RightCatalog>().IndexOf(AdministrationRights.Departments)));
        Assert.False(await HeldOnOtherAsync());

        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new UserGrant { UserId = user.Id, RightCode = AdministrationRights.Departments.Code });
            return await db.SaveChangesAsync();
        });

        var saved = System.Diagnostics.Stopwatch.StartNew();
        while (!await HeldOnOtherAsync())
        {
            Assert.True(saved.Elapsed < TimeSpan.FromSeconds(6), "the other node still acts on the old rights " + saved.Elapsed);
            await Task.Delay(50);
        }
    }
}
