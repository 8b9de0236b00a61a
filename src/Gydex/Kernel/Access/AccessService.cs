using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gydex.Kernel.Access;

/// <summary>Where a user's right comes from: a group, an individual grant, or implication by another right.</summary>
public sealed record RightOrigin(string Kind, string Source, RightScope? Scope);

/// <summary>One right as the "why can't Ivanov…" page explains it.</summary>
public sealed record RightExplanation(Right Right, bool Held, RightScope? Scope, IReadOnlyList<RightOrigin> Origins, bool Revoked);

/// <summary>A user's effective rights and home departments (their department and those below it) at one stamp.</summary>
public sealed record AccessSnapshot(long Version, EffectiveRights Rights, IReadOnlySet<Guid> HomeDepartments);

/// <summary>
/// Computes effective rights: (rights of all the user's groups ∪ individual grants, expanded by implication)
/// − individual revocations; Administrators hold every right. Results are cached per user and organization
/// and thrown away when the organization's <see cref="AccessStamp"/> moves.
/// </summary>
public sealed class AccessService(OrgDbContext db, RightCatalog catalog, CurrentOrganization organization, IMemoryCache cache, KnownStamps known)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The stamp lookup, compiled: EF's per-query work (walking and hashing the expression to find the cached plan)
    /// cost more than the lookup. A compiled query serves one model, so one per model (a process has one; tests build several).
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel,
        Func<OrgDbContext, CancellationToken, Task<long>>> Stamps = new();

    /// <summary>The organization's access version: as this node read it a moment ago, or one primary-key lookup.</summary>
    public async ValueTask<long> StampAsync(CancellationToken cancellationToken)
    {
        var org = organization.Required.Id;
        if (known.TryGet(org, out var version, out var generation))
            return version;
        var readAt = System.Diagnostics.Stopwatch.GetTimestamp();
        version = await Stamps.GetValue(db.Model, _ => EF.CompileAsyncQuery((OrgDbContext db, CancellationToken _) =>
            db.Set<AccessStamp>().Where(s => s.Id == AccessStamp.SingletonId).Select(s => s.Version).Single()))(db, cancellationToken);
        known.Remember(org, version, generation, readAt);
        return version;
    }

    public async Task<EffectiveRights> EffectiveAsync(Guid userId, CancellationToken cancellationToken) =>
        (await SnapshotAsync(userId, cancellationToken)).Rights;

    /// <summary>
    /// The user's rights and home departments as of the current stamp: one stamp lookup when cached, and the
    /// user, their groups' and own grants and the department tree when the stamp has moved since.
    /// </summary>
    public async Task<AccessSnapshot> SnapshotAsync(Guid userId, CancellationToken cancellationToken)
    {
        var version = await StampAsync(cancellationToken);
        var key = (organization.Required.Id, userId);
        if (cache.TryGetValue(key, out AccessSnapshot? cached) && cached!.Version == version)
            return cached;
        var snapshot = await ComputeAsync(version, userId, cancellationToken);
        cache.Set(key, snapshot, new MemoryCacheEntryOptions { SlidingExpiration = CacheFor, Size = 1 });
        return snapshot;
    }

    private async Task<AccessSnapshot> ComputeAsync(long version, Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.IsDisabled, u.DepartmentId }).SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.IsDisabled)
            return new AccessSnapshot(version, EffectiveRights.None(catalog), new HashSet<Guid>());
        var groups = await db.Set<Group>().AsNoTracking()
            .Where(g => g.Members.Any(m => m.UserId == userId))
            .Select(g => new { g.Stereotype, Grants = g.Grants.Select(x => new { x.RightCode, x.Scope }).ToList() })
            .ToListAsync(cancellationToken);
        var individual = await db.Set<UserGrant>().AsNoTracking().Where(g => g.UserId == userId).ToListAsync(cancellationToken);

        var builder = new EffectiveRights.Builder(catalog);
        if (groups.Any(g => g.Stereotype == GroupStereotype.Administrators))
        {
            for (var i = 0; i < catalog.Count; i++)
                builder.Grant(i, RightScope.All);
        }

        foreach (var grant in groups.SelectMany(g => g.Grants))
            GrantByCode(builder, grant.RightCode, grant.Scope);
        foreach (var grant in individual.Where(g => !g.IsRevocation))
            GrantByCode(builder, grant.RightCode, grant.Scope);
        foreach (var revocation in individual.Where(g => g.IsRevocation))
        {
            if (catalog.Find(revocation.RightCode) is { } right)
                builder.Revoke(catalog.IndexOf(right));
        }

        // Departments and a user's department move the stamp too, so the subtree is as fresh as the rights.
        var home = user.DepartmentId is { } root ? await DepartmentSubtreeAsync(root, cancellationToken) : [];
        return new AccessSnapshot(version, builder.Build(), home);
    }

    private void GrantByCode(EffectiveRights.Builder builder, string code, RightScope? scope)
    {
        // A grant of a right no module declares any more is inert: rights are removed from code, not from data.
        if (catalog.Find(code) is { } right)
            builder.Grant(catalog.IndexOf(right), scope ?? RightScope.All);
    }

    /// <summary>Every right with where it comes from and what revokes it, for the administration pages.</summary>
    public async Task<IReadOnlyList<RightExplanation>> ExplainAsync(Guid userId, CancellationToken cancellationToken)
    {
        var effective = await EffectiveAsync(userId, cancellationToken);
        var groups = await db.Set<Group>().AsNoTracking()
            .Where(g => g.Members.Any(m => m.UserId == userId))
            .Select(g => new { g.Name, g.Stereotype, Grants = g.Grants.Select(x => new { x.RightCode, x.Scope }).ToList() })
            .ToListAsync(cancellationToken);
        var individual = await db.Set<UserGrant>().AsNoTracking().Where(g => g.UserId == userId).ToListAsync(cancellationToken);

        // Direct sources per right index, then implication walks them down.
        var direct = new List<(int Index, RightOrigin Origin)>();
        foreach (var group in groups)
        {
            if (group.Stereotype == GroupStereotype.Administrators)
            {
                for (var i = 0; i < catalog.Count; i++)
                    direct.Add((i, new RightOrigin("group", group.Name, RightScope.All)));
            }

            foreach (var grant in group.Grants)
            {
                if (catalog.Find(grant.RightCode) is { } right)
                    direct.Add((catalog.IndexOf(right), new RightOrigin("group", group.Name, grant.Scope)));
            }
        }

        foreach (var grant in individual.Where(g => !g.IsRevocation))
        {
            if (catalog.Find(grant.RightCode) is { } right)
                direct.Add((catalog.IndexOf(right), new RightOrigin("grant", "", grant.Scope)));
        }

        var revoked = individual.Where(g => g.IsRevocation).Select(g => g.RightCode).ToHashSet(StringComparer.Ordinal);
        var explanations = new List<RightExplanation>(catalog.Count);
        for (var i = 0; i < catalog.Count; i++)
        {
            var origins = new List<RightOrigin>();
            foreach (var (index, origin) in direct)
            {
                if (index == i)
                    origins.Add(origin);
                else if (catalog.Grants[index].Contains(i))
                    origins.Add(new RightOrigin("implied", catalog.Rights[index].Code, origin.Scope));
            }

            explanations.Add(new RightExplanation(catalog.Rights[i], effective.Has(i), effective.ScopeOf(i), origins, revoked.Contains(catalog.Rights[i].Code)));
        }

        return explanations;
    }

    /// <summary>Whom to ask for a right: the enabled members of Administrators.</summary>
    public Task<List<string>> AdministratorNamesAsync(CancellationToken cancellationToken) =>
        db.Set<Group>().AsNoTracking()
            .Where(g => g.Stereotype == GroupStereotype.Administrators)
            .SelectMany(g => g.Members)
            .Join(db.Users.Where(u => !u.IsDisabled), m => m.UserId, u => u.Id, (m, u) => u.DisplayName)
            .OrderBy(n => n).Take(5).ToListAsync(cancellationToken);

    /// <summary>A department and every department below it.</summary>
    public async Task<HashSet<Guid>> DepartmentSubtreeAsync(Guid root, CancellationToken cancellationToken)
    {
        var all = await db.Set<Department>().AsNoTracking().Select(d => new { d.Id, d.ParentId }).ToListAsync(cancellationToken);
        var result = new HashSet<Guid> { root };
        for (var added = true; added;)
        {
            added = false;
            foreach (var d in all.Where(d => d.ParentId is { } p && result.Contains(p) && !result.Contains(d.Id)))
                added |= result.Add(d.Id);
        }

        return result;
    }
}
