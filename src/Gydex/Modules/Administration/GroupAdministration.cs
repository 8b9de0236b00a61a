using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Administration;

/// <summary>One cell of the table of rights after an edit: does the group hold the right, with which scope.</summary>
public sealed record MatrixCell(Guid GroupId, string RightCode, bool Granted, RightScope? Scope);

/// <summary>What a save of the table of rights changed, cell by cell: <paramref name="Change"/> is a text key with the new scope as {0}.</summary>
public sealed record MatrixChange(string Group, Right Right, string Change, RightScope? Scope = null);

/// <summary>The use cases of administering groups and the table of rights.</summary>
public sealed class GroupAdministration(OrgDbContext db, RightCatalog catalog, UserAdministration users, TimeProvider clock)
{
    public Task<List<Group>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<Group>().AsNoTracking().Include(g => g.Members).Include(g => g.Grants)
            .OrderBy(g => g.Stereotype == GroupStereotype.Custom).ThenBy(g => g.Name).ToListAsync(cancellationToken);

    public Task<Group?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Group>().Include(g => g.Members).Include(g => g.Grants).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);

    public async Task<(Group? Group, AdminResult Result)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        if (ValidateName(name) is { } error)
            return (null, AdminResult.Refused(error));
        if (await db.Set<Group>().AnyAsync(g => g.Name == name.Trim(), cancellationToken))
            return (null, AdminResult.Refused("A group with this name exists."));
        var group = new Group { Id = Guid.CreateVersion7(), Name = name.Trim(), Stereotype = GroupStereotype.Custom, CreatedAt = clock.GetUtcNow() };
        db.Set<Group>().Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return (group, AdminResult.Done);
    }

    public async Task<AdminResult> RenameAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, cancellationToken);
        if (group is null)
            return AdminResult.Refused("Not found.");
        if (ValidateName(name) is { } error)
            return AdminResult.Refused(error);
        if (await db.Set<Group>().AnyAsync(g => g.Name == name.Trim() && g.Id != id, cancellationToken))
            return AdminResult.Refused("A group with this name exists.");
        group.Name = name.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    public async Task<AdminResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, cancellationToken);
        if (group is null)
            return AdminResult.Refused("Not found.");
        if (group.Stereotype == GroupStereotype.Administrators)
            return AdminResult.Refused("The Administrators group cannot be deleted.");
        db.Set<Group>().Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    public async Task<AdminResult> SetMembersAsync(Guid id, IReadOnlyCollection<Guid> userIds, bool mayChangeAdministrators, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, cancellationToken);
        if (group is null)
            return AdminResult.Refused("Not found.");
        if (group.Stereotype == GroupStereotype.Administrators && !mayChangeAdministrators
            && !group.Members.Select(m => m.UserId).ToHashSet().SetEquals(userIds))
            return AdminResult.Refused(UserAdministration.AdministratorsNeedRights);
        var known = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (known.Count != userIds.Distinct().Count())
            return AdminResult.Refused("Unknown user.");
        if (group.Stereotype == GroupStereotype.Administrators && !await users.AnyActiveAdministratorAmongAsync(userIds, cancellationToken))
            return AdminResult.Refused(UserAdministration.LastAdministrator);

        group.Members.RemoveAll(m => !userIds.Contains(m.UserId));
        foreach (var userId in userIds.Where(u => group.Members.All(m => m.UserId != u)))
            group.Members.Add(new GroupMember { GroupId = group.Id, UserId = userId });
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    /// <summary>
    /// Saves the whole table in one go: every group's grants become exactly the granted cells (Administrators
    /// hold every right and are not edited). Returns what changed.
    /// </summary>
    public async Task<(AdminResult Result, IReadOnlyList<MatrixChange> Changes)> SaveMatrixAsync(IReadOnlyCollection<MatrixCell> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var groups = await db.Set<Group>().Include(g => g.Grants).Where(g => g.Stereotype != GroupStereotype.Administrators).ToListAsync(cancellationToken);
        if (cells.Any(c => groups.All(g => g.Id != c.GroupId) || catalog.Find(c.RightCode) is null))
            return (AdminResult.Refused("Unknown group or right."), []);
        var changes = new List<MatrixChange>();
        foreach (var group in groups)
        {
            foreach (var right in catalog.Rights)
            {
                var cell = cells.FirstOrDefault(c => c.GroupId == group.Id && c.RightCode == right.Code);
                var wanted = cell is { Granted: true };
                var scope = wanted && right.HasScope ? cell!.Scope ?? RightScope.All : (RightScope?)null;
                var existing = group.Grants.FirstOrDefault(g => g.RightCode == right.Code);
                if (existing is null && wanted)
                {
                    group.Grants.Add(new GroupGrant { GroupId = group.Id, RightCode = right.Code, Scope = scope });
                    changes.Add(scope is null ? new MatrixChange(group.Name, right, "granted") : new MatrixChange(group.Name, right, "granted, scope: {0}", scope));
                }
                else if (existing is not null && !wanted)
                {
                    group.Grants.Remove(existing);
                    changes.Add(new MatrixChange(group.Name, right, "revoked"));
                }
                else if (existing is not null && existing.Scope != scope)
                {
                    changes.Add(new MatrixChange(group.Name, right, "scope changed to {0}", scope));
                    existing.Scope = scope;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return (AdminResult.Done, changes);
    }

    private static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "The name is required."
        : name.Trim().Length > Group.NameMaxLength ? "The name is too long."
        : null;
}
