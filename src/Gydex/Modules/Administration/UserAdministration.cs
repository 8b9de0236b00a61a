using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Administration;

/// <summary>How a user's own line of the table of rights stands for one right.</summary>
public enum IndividualGrantMode
{
    /// <summary>As the groups say.</summary>
    Inherit,
    Grant,
    Revoke,
}

/// <summary>The outcome of an administration action: done, or refused with a reason (an English text key).</summary>
public sealed record AdminResult(bool Succeeded, string? Error = null, string? Detail = null)
{
    public static readonly AdminResult Done = new(true);

    public static AdminResult Refused(string error, string? detail = null) => new(false, error, detail);
}

public sealed record UserRow(Guid Id, string Login, string DisplayName, string? Email, bool IsDisabled, string? Department, IReadOnlyList<string> Groups);

/// <summary>The use cases of administering users; every one keeps at least one active administrator.</summary>
public sealed class UserAdministration(
    OrgDbContext db,
    UserManager<GydexUser> users,
    OrgUsers orgUsers,
    RightCatalog catalog)
{
    public const string LastAdministrator = "The organization must keep at least one active administrator who may administer rights.";

    /// <summary>Whoever makes someone an administrator gives them every right, so only an administrator of rights may.</summary>
    public const string AdministratorsNeedRights = "Only someone who may administer rights can change who is in Administrators.";

    public async Task<List<UserRow>> ListAsync(string? search, CancellationToken cancellationToken) =>
        await ListAsync(search, null, cancellationToken);

    /// <summary>The users within <paramref name="scope"/> (all when null), filtered by a search text.</summary>
    public Task<List<UserRow>> ListAsync(string? search, DataScope? scope, CancellationToken cancellationToken) =>
        RowsAsync(search, scope, null, cancellationToken);

    /// <summary>One user's row if within <paramref name="scope"/>, else null.</summary>
    public async Task<UserRow?> FindRowAsync(Guid id, DataScope scope, CancellationToken cancellationToken) =>
        (await RowsAsync(null, scope, id, cancellationToken)).SingleOrDefault();

    private async Task<List<UserRow>> RowsAsync(string? search, DataScope? scope, Guid? id, CancellationToken cancellationToken)
    {
        // An organization's employees number in the hundreds, so the list is filtered after loading: a search
        // by name must ignore case in Cyrillic too, which SQLite's LIKE does not.
        var users = db.Users.AsNoTracking();
        if (scope is not null)
            users = users.Within(scope, u => u.Id, u => u.DepartmentId);
        if (id is { } only)
            users = users.Where(u => u.Id == only);
        var rows = await users.OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.IsDisabled, u.DepartmentId })
            .ToListAsync(cancellationToken);
        var departments = await db.Set<Department>().AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var memberships = (await db.Set<GroupMember>().AsNoTracking()
                .Join(db.Set<Group>(), m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId, m => m.Name);
        var text = search?.Trim();
        return rows
            .Where(r => string.IsNullOrEmpty(text)
                || (r.UserName ?? "").Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.DisplayName.Contains(text, StringComparison.CurrentCultureIgnoreCase)
                || (r.Email ?? "").Contains(text, StringComparison.OrdinalIgnoreCase))
            .Select(r => new UserRow(r.Id, r.UserName ?? "", r.DisplayName, r.Email, r.IsDisabled,
                r.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
                memberships[r.Id].Order(StringComparer.CurrentCulture).ToList()))
            .ToList();
    }

    /// <summary>The user of this organization with this id, or null: another organization's id finds nothing.</summary>
    public Task<GydexUser?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>The user with this id if within <paramref name="scope"/>: outside it, as elsewhere, nothing is found.</summary>
    public Task<GydexUser?> FindAsync(Guid id, DataScope scope, CancellationToken cancellationToken) =>
        db.Users.Within(scope, u => u.Id, u => u.DepartmentId).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    public async Task<(GydexUser? User, string? Password, IReadOnlyList<string> Errors)> CreateAsync(
        string login, string displayName, string? email, Guid? departmentId, IReadOnlyCollection<Guid> groupIds, bool mayChangeAdministrators,
        CancellationToken cancellationToken)
    {
        if (departmentId is { } d && !await db.Set<Department>().AnyAsync(x => x.Id == d, cancellationToken))
            return (null, null, ["Unknown department."]);
        if (!mayChangeAdministrators && await db.Set<Group>().AnyAsync(g => groupIds.Contains(g.Id) && g.Stereotype == GroupStereotype.Administrators, cancellationToken))
            return (null, null, [AdministratorsNeedRights]);
        var (user, password, errors) = await orgUsers.CreateAsync(new NewUser(login, displayName, email, null, MustChangePassword: true, departmentId));
        if (user is null)
            return (null, null, errors);
        await SetGroupsAsync(user.Id, groupIds, mayChangeAdministrators, cancellationToken);
        return (user, password, []);
    }

    public async Task<AdminResult> UpdateAsync(Guid id, string displayName, string? email, Guid departmentId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
            return AdminResult.Refused("Not found.");
        if (!await db.Set<Department>().AnyAsync(x => x.Id == departmentId, cancellationToken))
            return AdminResult.Refused("Unknown department.");
        user.DisplayName = displayName.Trim();
        user.DepartmentId = departmentId;
        var result = await users.SetEmailAsync(user, string.IsNullOrWhiteSpace(email) ? null : email.Trim());
        if (!result.Succeeded)
            return AdminResult.Refused(result.Errors.First().Description);
        await users.UpdateAsync(user);
        return AdminResult.Done;
    }

    public async Task<AdminResult> SetDisabledAsync(Guid id, bool disabled, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
            return AdminResult.Refused("Not found.");
        if (disabled && !await OthersKeepAdministrationAsync(id, cancellationToken))
            return AdminResult.Refused(LastAdministrator);
        if (disabled)
        {
            await orgUsers.DisableAsync(user);
        }
        else
        {
            user.IsDisabled = false;
            await users.UpdateAsync(user);
        }

        return AdminResult.Done;
    }

    /// <summary>A new one-time password; the user's sessions end and they must choose their own at sign-in.</summary>
    public async Task<(AdminResult Result, string? Password)> ResetPasswordAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
            return (AdminResult.Refused("Not found."), null);
        var password = PasswordGenerator.Generate();
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
            return (AdminResult.Refused(added.Errors.First().Description), null);
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return (AdminResult.Done, password);
    }

    /// <summary>
    /// Turns off the user's two-factor sign-in (a lost phone and lost recovery codes): the key and the codes are
    /// thrown away and the user's sessions end.
    /// </summary>
    public async Task<AdminResult> ResetTwoFactorAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
            return AdminResult.Refused("Not found.");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.UpdateSecurityStampAsync(user);
        return AdminResult.Done;
    }

    /// <summary>Puts the user into exactly these groups (of this organization).</summary>
    public async Task<AdminResult> SetGroupsAsync(Guid userId, IReadOnlyCollection<Guid> groupIds, bool mayChangeAdministrators, CancellationToken cancellationToken)
    {
        var groups = await db.Set<Group>().Include(g => g.Members).ToListAsync(cancellationToken);
        if (groupIds.Any(id => groups.All(g => g.Id != id)))
            return AdminResult.Refused("Unknown group.");
        var administrators = groups.Single(g => g.Stereotype == GroupStereotype.Administrators);
        if (!mayChangeAdministrators && administrators.Members.Any(m => m.UserId == userId) != groupIds.Contains(administrators.Id))
            return AdminResult.Refused(AdministratorsNeedRights);
        var leavesAdministrators = groups.Any(g => g.Stereotype == GroupStereotype.Administrators
            && g.Members.Any(m => m.UserId == userId) && !groupIds.Contains(g.Id));
        if (leavesAdministrators && !await OthersKeepAdministrationAsync(userId, cancellationToken))
            return AdminResult.Refused(LastAdministrator);
        foreach (var group in groups)
        {
            var member = group.Members.FirstOrDefault(m => m.UserId == userId);
            var wanted = groupIds.Contains(group.Id);
            if (member is null && wanted)
                group.Members.Add(new GroupMember { GroupId = group.Id, UserId = userId });
            else if (member is not null && !wanted)
                group.Members.Remove(member);
        }

        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    /// <summary>Sets the user's own grant or revocation of one right.</summary>
    public async Task<AdminResult> SetIndividualAsync(Guid userId, Right right, IndividualGrantMode mode, RightScope? scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(right);
        if (!catalog.IsDeclared(right))
            return AdminResult.Refused("Unknown right.");
        if (await FindAsync(userId, cancellationToken) is null)
            return AdminResult.Refused("Not found.");
        if (mode == IndividualGrantMode.Revoke && RevokesAdministration(right)
            && !await OthersKeepAdministrationAsync(userId, cancellationToken))
            return AdminResult.Refused(LastAdministrator);
        var grants = db.Set<UserGrant>();
        var existing = await grants.SingleOrDefaultAsync(g => g.UserId == userId && g.RightCode == right.Code, cancellationToken);
        if (existing is not null)
            grants.Remove(existing);
        if (mode != IndividualGrantMode.Inherit)
        {
            grants.Add(new UserGrant
            {
                UserId = userId,
                RightCode = right.Code,
                IsRevocation = mode == IndividualGrantMode.Revoke,
                Scope = mode == IndividualGrantMode.Grant && right.HasScope ? scope ?? RightScope.All : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    /// <summary>
    /// Revoking a right takes away every right that implies it, so revoking the administration of rights or
    /// anything it implies leaves the user without it.
    /// </summary>
    private bool RevokesAdministration(Right right) =>
        AdministrationImplies().Contains(right.Code);

    private HashSet<string> AdministrationImplies() =>
        catalog.Grants[catalog.IndexOf(AdministrationRights.Rights)].Select(i => catalog.Rights[i].Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether someone other than <paramref name="userId"/> stays an active administrator: an enabled member of
    /// Administrators without an individual revocation of the administration of rights.
    /// </summary>
    public Task<bool> OthersKeepAdministrationAsync(Guid userId, CancellationToken cancellationToken) =>
        ActiveAdministrators(db.Set<Group>().Where(g => g.Stereotype == GroupStereotype.Administrators)
            .SelectMany(g => g.Members).Select(m => m.UserId).Where(id => id != userId)).AnyAsync(cancellationToken);

    /// <summary>Whether any of these users would be an active administrator as a member of Administrators.</summary>
    public Task<bool> AnyActiveAdministratorAmongAsync(IReadOnlyCollection<Guid> candidates, CancellationToken cancellationToken) =>
        ActiveAdministrators(db.Users.Where(u => candidates.Contains(u.Id)).Select(u => u.Id)).AnyAsync(cancellationToken);

    private IQueryable<Guid> ActiveAdministrators(IQueryable<Guid> candidates)
    {
        var revokingCodes = AdministrationImplies().ToList();
        return candidates
            .Where(id => db.Users.Any(u => u.Id == id && !u.IsDisabled))
            .Where(id => !db.Set<UserGrant>().Any(g => g.UserId == id && g.IsRevocation && revokingCodes.Contains(g.RightCode)));
    }
}
