using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Access;

/// <summary>Adds the user's groups and effective rights with their scopes to <c>GET api/v1/me</c>.</summary>
public sealed class AccessProfileContributor(OrgDbContext db, AccessService access, RightCatalog catalog) : IUserProfileContributor
{
    public async Task ContributeAsync(GydexUser user, List<string> groups, List<MeRight> rights)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(rights);
        groups.AddRange(await db.Set<Group>().AsNoTracking()
            .Where(g => g.Members.Any(m => m.UserId == user.Id))
            .OrderBy(g => g.Name).Select(g => g.Name).ToListAsync());
        var effective = await access.EffectiveAsync(user.Id, CancellationToken.None);
        for (var i = 0; i < catalog.Count; i++)
        {
            if (effective.ScopeOf(i) is { } scope)
            {
                var right = catalog.Rights[i];
                rights.Add(new MeRight(right.Code, right.HasScope ? scope.ToString().ToLowerInvariant() : null));
            }
        }
    }
}
