using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Infrastructure;

/// <summary>Users with exactly the rights a test names, set through the real grants and revocations.</summary>
public static class AccessFixtures
{
    /// <summary>An employee holding every declared right except <paramref name="missing"/> (and what would imply it back).</summary>
    public static async Task<GydexUser> UserWithAllRightsExceptAsync(this GydexFactory factory, TestOrg org, string login, Right? missing)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var user = await factory.AddUserAsync(org, login);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            foreach (var right in sp.GetRequiredService<RightCatalog>().Rights)
            {
                db.Set<UserGrant>().Add(new UserGrant
                {
                    UserId = user.Id,
                    RightCode = right.Code,
                    IsRevocation = ReferenceEquals(right, missing),
                    Scope = right.HasScope && !ReferenceEquals(right, missing) ? RightScope.All : null,
                });
            }

            await db.SaveChangesAsync();
            return true;
        });
        return user;
    }

    /// <summary>An employee holding exactly these rights, individually granted.</summary>
    public static async Task<GydexUser> UserWithRightsAsync(this GydexFactory factory, TestOrg org, string login, params Right[] rights)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var user = await factory.AddUserAsync(org, login);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            foreach (var right in rights)
                db.Set<UserGrant>().Add(new UserGrant { UserId = user.Id, RightCode = right.Code, Scope = right.HasScope ? RightScope.All : null });
            await db.SaveChangesAsync();
            return true;
        });
        return user;
    }

    /// <summary>
    /// A digest of every row of every table of the organization's database: equal before and after means
    /// the attempt changed nothing.
    /// </summary>
    public static async Task<string> FingerprintAsync(this GydexFactory factory, TestOrg org)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var text = new StringBuilder();
            // The journal is left out: a refused attempt is recorded there, which is the point, not a change.
            var journal = new[] { typeof(JournalRecord), typeof(JournalHead) };
            foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Dictionary<string, object>) && !journal.Contains(e.ClrType))
                .OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var query = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                    .MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
                var rows = (await query.AsNoTracking().ToListAsync()).Select(r => JsonSerializer.Serialize(r, entity.ClrType)).Order(StringComparer.Ordinal);
                text.Append(entity.Name).Append(':').AppendJoin('\n', rows).Append('\n');
            }

            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        });
    }
}
