using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Files;

/// <summary>
/// Whom folder rights are evaluated for: a user, their groups, whether they administer the organization, and
/// which actions their program rights allow at all.
/// </summary>
public sealed record FilesPrincipal(Guid UserId, IReadOnlySet<Guid> Groups, bool IsAdministrator, FolderActions ProgramAllows)
{
    /// <summary>What one set of entries gives this principal.</summary>
    public FolderActions Grant(IEnumerable<FolderRightEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (IsAdministrator)
            return FolderActions.All;
        var actions = FolderActions.None;
        foreach (var entry in entries)
        {
            var applies = entry.PrincipalKind switch
            {
                PrincipalKind.Everyone => true,
                PrincipalKind.Group => entry.PrincipalId is { } g && Groups.Contains(g),
                PrincipalKind.User => entry.PrincipalId == UserId,
                _ => false,
            };
            if (applies)
                actions |= entry.Actions;
        }

        return actions;
    }
}

/// <summary>A folder's rights as they apply: its own entries or those of the ancestor it inherits from.</summary>
public sealed record FolderRights(Guid FolderId, Guid SourceFolderId, IReadOnlyList<FolderRightEntry> Entries)
{
    public bool Inherited => FolderId != SourceFolderId;
}

/// <summary>
/// The effective permission for an action on a folder = the program right for that action AND the folder right
/// for it. A folder without entries of its own uses its parent's; the root's default lets everyone with
/// <c>files.access</c> read. A folder is readable only if it and every folder above it are: one the user may not
/// read does not exist for them. Members of Administrators are not restricted by folder rights, so someone can
/// always repair them.
/// </summary>
public sealed class FolderAccess(OrgDbContext db, CurrentAccess access, AccessService rights, RightCatalog catalog)
{
    public static FolderActions ProgramMask(Func<Right, bool> has)
    {
        ArgumentNullException.ThrowIfNull(has);
        var mask = FolderActions.None;
        if (!has(FilesRights.Access))
            return mask;
        mask |= FolderActions.Read;
        if (has(FilesRights.Upload))
            mask |= FolderActions.Upload;
        if (has(FilesRights.Delete))
            mask |= FolderActions.DeleteFolder | FolderActions.DeleteFiles;
        if (has(FilesRights.Describe))
            mask |= FolderActions.Describe;
        if (has(FilesRights.ManageAccess))
            mask |= FolderActions.ManageAccess;
        return mask;
    }

    public Task<FilesPrincipal> CurrentAsync(CancellationToken cancellationToken) =>
        PrincipalAsync(access.UserId ?? Guid.Empty, access.Has, cancellationToken);

    /// <summary>Another user, for "view as": their groups and their own program rights, nothing of the viewer's.</summary>
    public async Task<FilesPrincipal> OfUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var effective = await rights.EffectiveAsync(userId, cancellationToken);
        return await PrincipalAsync(userId, r => effective.Has(catalog.IndexOf(r)), cancellationToken);
    }

    private async Task<FilesPrincipal> PrincipalAsync(Guid userId, Func<Right, bool> has, CancellationToken cancellationToken)
    {
        var groups = await db.Set<GroupMember>().AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.Set<Group>(), m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Stereotype })
            .ToListAsync(cancellationToken);
        return new FilesPrincipal(userId, groups.Select(g => g.Id).ToHashSet(),
            groups.Any(g => g.Stereotype == GroupStereotype.Administrators), ProgramMask(has));
    }

    /// <summary>
    /// The live folder and its ancestors up to the root (root first), or null when it or an ancestor is in the bin
    /// or missing.
    /// </summary>
    public async Task<List<Folder>?> ChainAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var chain = new List<Folder>();
        Guid? next = folderId;
        while (next is { } id)
        {
            if (chain.Count > 64)
                return null;
            var folder = await db.Set<Folder>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
            if (folder is null || folder.DeletedAt is not null)
                return null;
            chain.Add(folder);
            next = folder.ParentId;
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>
    /// The effective actions on each folder of a chain (root first): folder rights walked down with inheritance,
    /// Read lost below any folder that is not readable, then ANDed with the program rights.
    /// </summary>
    public async Task<List<(Folder Folder, FolderActions Actions, FolderRights Rights)>> EvaluateChainAsync(
        List<Folder> chain, FilesPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(principal);
        var owning = chain.Where(f => !f.InheritsPermissions || f.ParentId is null).Select(f => f.Id).ToList();
        var entries = (await db.Set<FolderRightEntry>().AsNoTracking().Where(p => owning.Contains(p.FolderId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.FolderId);
        var result = new List<(Folder, FolderActions, FolderRights)>(chain.Count);
        FolderRights? current = null;
        var readable = true;
        foreach (var folder in chain)
        {
            if (!folder.InheritsPermissions || folder.ParentId is null || current is null)
                current = new FolderRights(folder.Id, folder.Id, entries[folder.Id].ToList());
            else
                current = current with { FolderId = folder.Id };
            var actions = principal.Grant(current.Entries) & principal.ProgramAllows;
            readable &= actions.HasFlag(FolderActions.Read);
            result.Add((folder, readable ? actions : FolderActions.None, current));
        }

        return result;
    }

    /// <summary>The actions on one folder, with its chain; None (and no chain) when it does not exist for the user.</summary>
    public async Task<(FolderActions Actions, List<Folder>? Chain, FolderRights? Rights)> OnFolderAsync(Guid folderId, FilesPrincipal principal, CancellationToken cancellationToken)
    {
        var chain = await ChainAsync(folderId, cancellationToken);
        if (chain is null)
            return (FolderActions.None, null, null);
        var evaluated = await EvaluateChainAsync(chain, principal, cancellationToken);
        var last = evaluated[^1];
        return last.Actions.HasFlag(FolderActions.Read) ? (last.Actions, chain, last.Rights) : (FolderActions.None, null, null);
    }

    /// <summary>
    /// The readable children of a folder the user may read, each with its actions: one query for the children,
    /// one for the entries of those with rights of their own, then a pass in memory. The second query reads only
    /// the entries that can apply to the principal (Everyone, one of their groups, themselves), and of them only
    /// the folder and the actions: an entry that does not apply adds nothing in <see cref="FilesPrincipal.Grant"/>.
    /// It starts from the parent's children (a join, not EXISTS), so SQLite too walks the children and the entries'
    /// FolderId index rather than every entry of the organization.
    /// </summary>
    public async Task<List<(Folder Folder, FolderActions Actions)>> ChildrenAsync(Guid parentId, FolderRights parentRights, FilesPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentRights);
        ArgumentNullException.ThrowIfNull(principal);
        var children = await db.Set<Folder>().AsNoTracking()
            .Where(f => f.ParentId == parentId && f.DeletedAt == null)
            .OrderBy(f => f.Name)
            .ToListAsync(cancellationToken);
        if (principal.IsAdministrator)
            return children.Select(c => (c, principal.ProgramAllows)).ToList();

        var groups = principal.Groups.ToList();
        var userId = principal.UserId;
        var applying = await db.Set<Folder>().AsNoTracking()
            .Where(f => f.ParentId == parentId && f.DeletedAt == null && !f.InheritsPermissions)
            .Join(db.Set<FolderRightEntry>(), f => f.Id, p => p.FolderId, (f, p) => p)
            .Where(p => p.PrincipalKind == PrincipalKind.Everyone
                || (p.PrincipalKind == PrincipalKind.Group && p.PrincipalId != null && groups.Contains(p.PrincipalId.Value))
                || (p.PrincipalKind == PrincipalKind.User && p.PrincipalId == userId))
            .Select(p => new { p.FolderId, p.Actions })
            .ToListAsync(cancellationToken);
        var own = new Dictionary<Guid, FolderActions>(applying.Count);
        foreach (var entry in applying)
            own[entry.FolderId] = own.GetValueOrDefault(entry.FolderId) | entry.Actions;
        var inherited = principal.Grant(parentRights.Entries) & principal.ProgramAllows;
        var visible = new List<(Folder, FolderActions)>(children.Count);
        foreach (var child in children)
        {
            var actions = child.InheritsPermissions ? inherited : own.GetValueOrDefault(child.Id) & principal.ProgramAllows;
            if (actions.HasFlag(FolderActions.Read))
                visible.Add((child, actions));
        }

        return visible;
    }
}
