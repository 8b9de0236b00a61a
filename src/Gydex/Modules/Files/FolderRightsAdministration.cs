using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Files;

/// <summary>One line of a folder's access page: who, what, and whether it is the folder's own or inherited.</summary>
public sealed record FolderRightRow(Guid EntryId, PrincipalKind Kind, Guid? PrincipalId, string Who, FolderActions Actions, bool Inherited, string? FromPath);

/// <summary>
/// A folder's rights for those who manage access (program right <c>files.manage_access</c> AND the folder's
/// Manage access): the entries, breaking and restoring inheritance, and "view as user X".
/// </summary>
public sealed class FolderRightsAdministration(OrgDbContext db, FolderAccess access)
{
    public sealed record Page(Folder Folder, string Path, bool Inherits, IReadOnlyList<FolderRightRow> Rows, FolderActions Mine);

    private async Task<(Folder Folder, FolderRights Rights, FolderActions Mine)?> ManagedAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var (actions, chain, rights) = await access.OnFolderAsync(folderId, await access.CurrentAsync(cancellationToken), cancellationToken);
        return chain is null || rights is null ? null : (chain[^1], rights, actions);
    }

    /// <summary>Null when the folder does not exist for the user; the page shows "Access is prohibited" without Manage access.</summary>
    public async Task<Page?> GetAsync(Guid folderId, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(folderId, cancellationToken) is not { } managed)
            return null;
        var source = managed.Rights.Inherited ? await db.Set<Folder>().AsNoTracking().FirstAsync(f => f.Id == managed.Rights.SourceFolderId, cancellationToken) : null;
        var rows = await RowsAsync(managed.Rights.Entries, managed.Rights.Inherited, source is null ? null : FolderPaths.PathOf(db, source), cancellationToken);
        return new Page(managed.Folder, FolderPaths.PathOf(db, managed.Folder), managed.Folder.InheritsPermissions && managed.Folder.ParentId is not null, rows, managed.Mine);
    }

    private async Task<List<FolderRightRow>> RowsAsync(IReadOnlyList<FolderRightEntry> entries, bool inherited, string? fromPath, CancellationToken cancellationToken)
    {
        var ids = entries.Where(e => e.PrincipalId is not null).Select(e => e.PrincipalId!.Value).ToList();
        var groups = await db.Set<Group>().AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} ({u.UserName})", cancellationToken);
        return entries.Select(e => new FolderRightRow(e.Id, e.PrincipalKind, e.PrincipalId, e.PrincipalKind switch
        {
            PrincipalKind.Group => groups.GetValueOrDefault(e.PrincipalId!.Value, "?"),
            PrincipalKind.User => users.GetValueOrDefault(e.PrincipalId!.Value, "?"),
            _ => "",
        }, e.Actions, inherited, fromPath)).OrderBy(r => r.Kind).ThenBy(r => r.Who, StringComparer.CurrentCulture).ToList();
    }

    private async Task<(Folder Folder, FolderRights Rights)?> ManageableAsync(Guid folderId, CancellationToken cancellationToken) =>
        await ManagedAsync(folderId, cancellationToken) is { } m && m.Mine.HasFlag(FolderActions.ManageAccess) ? (m.Folder, m.Rights) : null;

    /// <summary>The folder gets entries of its own, starting from a copy of those it inherited.</summary>
    public async Task<FilesResult> BreakInheritanceAsync(Guid folderId, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(folderId, cancellationToken) is null)
            return FilesResult.NotFound;
        if (await ManageableAsync(folderId, cancellationToken) is not { } m)
            return FilesResult.Refused(FilesRights.ManageAccess.Code);
        if (!m.Rights.Inherited)
            return FilesResult.Done(folderId);
        var folder = await db.Set<Folder>().SingleAsync(f => f.Id == folderId, cancellationToken);
        folder.InheritsPermissions = false;
        foreach (var entry in m.Rights.Entries)
            db.Add(new FolderRightEntry { Id = Guid.CreateVersion7(), FolderId = folderId, PrincipalKind = entry.PrincipalKind, PrincipalId = entry.PrincipalId, Actions = entry.Actions });
        await db.SaveChangesAsync(cancellationToken);
        return FilesResult.Done(folderId);
    }

    /// <summary>The folder drops its own entries and follows its parent again.</summary>
    public async Task<FilesResult> RestoreInheritanceAsync(Guid folderId, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(folderId, cancellationToken) is null)
            return FilesResult.NotFound;
        if (await ManageableAsync(folderId, cancellationToken) is not { } m)
            return FilesResult.Refused(FilesRights.ManageAccess.Code);
        if (m.Folder.ParentId is null)
            return FilesResult.Invalid("The root folder has no parent to inherit from.");
        var folder = await db.Set<Folder>().SingleAsync(f => f.Id == folderId, cancellationToken);
        folder.InheritsPermissions = true;
        db.RemoveRange(await db.Set<FolderRightEntry>().Where(e => e.FolderId == folderId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return FilesResult.Done(folderId);
    }

    /// <summary>Sets what a user, a group or everyone may do in the folder (no actions removes the entry).</summary>
    public async Task<FilesResult> SetAsync(Guid folderId, PrincipalKind kind, Guid? principalId, FolderActions actions, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(folderId, cancellationToken) is null)
            return FilesResult.NotFound;
        if (await ManageableAsync(folderId, cancellationToken) is not { } m)
            return FilesResult.Refused(FilesRights.ManageAccess.Code);
        if (m.Rights.Inherited)
            return FilesResult.Invalid("The folder inherits its rights: stop inheriting first.");
        if ((actions & ~FolderActions.All) != 0 || (kind == PrincipalKind.Everyone) != (principalId is null))
            return FilesResult.Invalid("Unknown actions or whom they are for.");
        var known = kind switch
        {
            PrincipalKind.Group => await db.Set<Group>().AnyAsync(g => g.Id == principalId, cancellationToken),
            PrincipalKind.User => await db.Users.AnyAsync(u => u.Id == principalId, cancellationToken),
            _ => true,
        };
        if (!known)
            return FilesResult.Invalid("No such user or group.");
        // Whatever else holds, actions need Read to mean anything.
        if (actions != FolderActions.None)
            actions |= FolderActions.Read;
        var entry = await db.Set<FolderRightEntry>().FirstOrDefaultAsync(e => e.FolderId == folderId && e.PrincipalKind == kind && e.PrincipalId == principalId, cancellationToken);
        if (actions == FolderActions.None)
        {
            if (entry is not null)
                db.Remove(entry);
        }
        else if (entry is null)
        {
            db.Add(new FolderRightEntry { Id = Guid.CreateVersion7(), FolderId = folderId, PrincipalKind = kind, PrincipalId = principalId, Actions = actions });
        }
        else
        {
            entry.Actions = actions;
        }

        await db.SaveChangesAsync(cancellationToken);
        return FilesResult.Done(folderId);
    }

    /// <summary>What a given user could do in the folder, with their own groups and program rights.</summary>
    public async Task<FolderActions?> ViewAsAsync(Guid folderId, Guid userId, CancellationToken cancellationToken)
    {
        if (await ManageableAsync(folderId, cancellationToken) is null)
            return null;
        var principal = await access.OfUserAsync(userId, cancellationToken);
        return (await access.OnFolderAsync(folderId, principal, cancellationToken)).Actions;
    }
}
