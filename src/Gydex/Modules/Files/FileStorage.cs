using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Files;

/// <summary>The outcome of a file-storage action: done, not there (for this user), refused, or invalid input.</summary>
public sealed record FilesResult(FilesOutcome Outcome, string? Message = null, Guid? Id = null)
{
    public static readonly FilesResult NotFound = new(FilesOutcome.NotFound);

    public static FilesResult Done(Guid? id = null) => new(FilesOutcome.Done, null, id);

    public static FilesResult Invalid(string message) => new(FilesOutcome.Invalid, message);

    public static FilesResult Refused(string right) => new(FilesOutcome.Refused, right);

    public bool Succeeded => Outcome == FilesOutcome.Done;
}

public enum FilesOutcome
{
    Done,
    NotFound,
    Refused,
    Invalid,
}

public sealed record FolderView(Folder Folder, IReadOnlyList<Folder> Path, FolderActions Actions, FolderRights Rights,
    IReadOnlyList<(Folder Folder, FolderActions Actions)> Children, IReadOnlyList<StoredFile> Files);

public sealed record FileView(StoredFile File, IReadOnlyList<Folder> Path, FolderActions Actions, IReadOnlyList<FileVersion> Versions);

/// <summary>
/// Folders and files of the organization, every action checked as program right AND folder right. What the user
/// may not read answers <see cref="FilesResult.NotFound"/>, exactly like what does not exist.
/// </summary>
public sealed class FileStorage(
    OrgDbContext db, FolderAccess access, BlobStore blobs, FilesOptions options, CurrentOrganization organization,
    JournalActor actor, TimeProvider clock)
{
    public async Task<Folder> RootAsync(CancellationToken cancellationToken) =>
        await db.Set<Folder>().AsNoTracking().FirstOrDefaultAsync(f => f.ParentId == null, cancellationToken)
        ?? throw new InvalidOperationException("The organization has no root folder.");

    public async Task<FolderView?> BrowseAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var principal = await access.CurrentAsync(cancellationToken);
        var (actions, chain, rights) = await access.OnFolderAsync(folderId, principal, cancellationToken);
        if (chain is null || rights is null)
            return null;
        var children = await access.ChildrenAsync(folderId, rights, principal, cancellationToken);
        var files = await db.Set<StoredFile>().AsNoTracking().Where(f => f.FolderId == folderId && f.DeletedAt == null)
            .OrderBy(f => f.Name).ToListAsync(cancellationToken);
        return new FolderView(chain[^1], chain, actions, rights, children, files);
    }

    public async Task<FileView?> FileAsync(Guid fileId, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.DeletedAt == null, cancellationToken);
        if (file is null)
            return null;
        var (actions, chain, _) = await access.OnFolderAsync(file.FolderId, await access.CurrentAsync(cancellationToken), cancellationToken);
        if (chain is null)
            return null;
        var versions = await db.Set<FileVersion>().AsNoTracking().Where(v => v.FileId == fileId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return new FileView(file, chain, actions, versions);
    }

    private async Task<(FolderActions Actions, bool Exists)> ActionsOnAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var (actions, chain, _) = await access.OnFolderAsync(folderId, await access.CurrentAsync(cancellationToken), cancellationToken);
        return (actions, chain is not null);
    }

    private static FilesResult? Require(FolderActions actions, FolderActions needed, string right) =>
        (actions & needed) == needed ? null : FilesResult.Refused(right);

    public async Task<FilesResult> CreateFolderAsync(Guid parentId, string? name, bool mayOrganize, CancellationToken cancellationToken)
    {
        var (actions, exists) = await ActionsOnAsync(parentId, cancellationToken);
        if (!exists)
            return FilesResult.NotFound;
        if (!mayOrganize)
            return FilesResult.Refused(FilesRights.Folders.Code);
        if (Require(actions, FolderActions.Upload, FilesRights.Upload.Code) is { } refused)
            return refused;
        if (FileNames.Problem(name) is { } problem)
            return FilesResult.Invalid(problem);
        if (await db.Set<Folder>().AnyAsync(f => f.ParentId == parentId && f.Name == name && f.DeletedAt == null, cancellationToken))
            return FilesResult.Invalid("A folder of this name is already there.");
        var folder = new Folder { Id = Guid.CreateVersion7(), ParentId = parentId, Name = name!, CreatedAt = clock.GetUtcNow(), CreatedById = actor.UserId };
        db.Add(folder);
        return await SaveAsync(folder.Id, "A folder of this name is already there.", cancellationToken);
    }

    /// <summary>
    /// Stores an upload. The same name in the same folder adds a version; two uploads of one name at once
    /// both land, one as the next version. Nothing is written to the database unless the content is complete.
    /// </summary>
    public async Task<FilesResult> UploadAsync(Guid folderId, string? name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (actions, exists) = await ActionsOnAsync(folderId, cancellationToken);
        if (!exists)
            return FilesResult.NotFound;
        if (Require(actions, FolderActions.Upload, FilesRights.Upload.Code) is { } refused)
            return refused;
        if (FileNames.Problem(name) is { } problem)
            return FilesResult.Invalid(problem);

        WrittenBlob blob;
        try
        {
            blob = await blobs.WriteAsync(organization.Required.Id, content, options.MaxFileBytes, cancellationToken);
        }
        catch (FileTooLargeException)
        {
            return FilesResult.Invalid("The file is larger than the limit for one file.");
        }
        catch (EmptyFileException)
        {
            return FilesResult.Invalid("The file is empty.");
        }

        var blobExisted = await db.Set<FileBlob>().AnyAsync(b => b.Sha256 == blob.Sha256, cancellationToken);
        if (!blobExisted)
        {
            var used = await db.Set<FileBlob>().SumAsync(b => (long?)b.Size, cancellationToken) ?? 0;
            if (used + blob.Size > options.OrganizationQuotaBytes)
            {
                ForgetUnreferenced(blob.Sha256);
                return FilesResult.Invalid("The organization's file storage is full.");
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var id = await AddVersionAsync(folderId, name!, blob, blobExisted, cancellationToken);
                return FilesResult.Done(id);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another upload took the name or the version number first: look again and take the next one.
                db.ChangeTracker.Clear();
                blobExisted = await db.Set<FileBlob>().AnyAsync(b => b.Sha256 == blob.Sha256, cancellationToken);
            }
            catch
            {
                db.ChangeTracker.Clear();
                ForgetUnreferenced(blob.Sha256);
                throw;
            }
        }
    }

    private async Task<Guid> AddVersionAsync(Guid folderId, string name, WrittenBlob blob, bool blobExisted, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!blobExisted)
            db.Add(new FileBlob { Sha256 = blob.Sha256, Size = blob.Size, CreatedAt = now });
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.FolderId == folderId && f.Name == name && f.DeletedAt == null, cancellationToken);
        if (file is null)
        {
            file = new StoredFile { Id = Guid.CreateVersion7(), FolderId = folderId, Name = name, CreatedAt = now, CreatedById = actor.UserId };
            db.Add(file);
        }

        file.CurrentVersion++;
        file.Size = blob.Size;
        file.UpdatedAt = now;
        db.Add(new FileVersion
        {
            Id = Guid.CreateVersion7(),
            FileId = file.Id,
            Number = file.CurrentVersion,
            Sha256 = blob.Sha256,
            Size = blob.Size,
            UploadedAt = now,
            UploadedById = actor.UserId,
            UploadedByName = actor.UserName,
        });
        await db.SaveChangesAsync(cancellationToken);
        return file.Id;
    }

    /// <summary>A content written for an upload that did not land is removed unless something else refers to it.</summary>
    private void ForgetUnreferenced(string sha256)
    {
        if (!db.Set<FileBlob>().AsNoTracking().Any(b => b.Sha256 == sha256))
            blobs.Delete(organization.Required.Id, sha256);
    }

    /// <summary>A version's content for download, with the file; null when the user may not read it.</summary>
    public async Task<(StoredFile File, FileVersion Version, Stream Content)?> OpenAsync(Guid fileId, int? version, CancellationToken cancellationToken)
    {
        var view = await FileAsync(fileId, cancellationToken);
        var chosen = view?.Versions.FirstOrDefault(v => v.Number == (version ?? view.File.CurrentVersion));
        if (view is null || chosen is null)
            return null;
        return (view.File, chosen, blobs.OpenRead(organization.Required.Id, chosen.Sha256));
    }

    public async Task<FilesResult> RenameFolderAsync(Guid folderId, string? name, bool mayOrganize, CancellationToken cancellationToken)
    {
        var folder = await db.Set<Folder>().FirstOrDefaultAsync(f => f.Id == folderId && f.DeletedAt == null, cancellationToken);
        if (folder is null || folder.ParentId is null || !(await ActionsOnAsync(folderId, cancellationToken)).Exists)
            return FilesResult.NotFound;
        if (!mayOrganize)
            return FilesResult.Refused(FilesRights.Folders.Code);
        if (FileNames.Problem(name) is { } problem)
            return FilesResult.Invalid(problem);
        folder.Name = name!;
        return await SaveAsync(folder.Id, "A folder of this name is already there.", cancellationToken);
    }

    /// <summary>Moving needs the right to organize folders, Upload on the target, and never a target inside the folder itself.</summary>
    public async Task<FilesResult> MoveFolderAsync(Guid folderId, Guid targetId, bool mayOrganize, CancellationToken cancellationToken)
    {
        var folder = await db.Set<Folder>().FirstOrDefaultAsync(f => f.Id == folderId && f.DeletedAt == null, cancellationToken);
        if (folder is null || folder.ParentId is null || !(await ActionsOnAsync(folderId, cancellationToken)).Exists)
            return FilesResult.NotFound;
        var (target, targetExists) = await ActionsOnAsync(targetId, cancellationToken);
        var targetChain = await access.ChainAsync(targetId, cancellationToken);
        if (!targetExists || targetChain is null)
            return FilesResult.NotFound;
        if (!mayOrganize)
            return FilesResult.Refused(FilesRights.Folders.Code);
        if (Require(target, FolderActions.Upload, FilesRights.Upload.Code) is { } refused)
            return refused;
        if (targetChain.Any(f => f.Id == folderId))
            return FilesResult.Invalid("A folder cannot be moved into itself.");
        folder.ParentId = targetId;
        return await SaveAsync(folder.Id, "A folder of this name is already there.", cancellationToken);
    }

    public async Task<FilesResult> DescribeFolderAsync(Guid folderId, string? description, CancellationToken cancellationToken)
    {
        var folder = await db.Set<Folder>().FirstOrDefaultAsync(f => f.Id == folderId && f.DeletedAt == null, cancellationToken);
        var (actions, exists) = await ActionsOnAsync(folderId, cancellationToken);
        if (folder is null || !exists)
            return FilesResult.NotFound;
        if (Require(actions, FolderActions.Describe, FilesRights.Describe.Code) is { } refused)
            return refused;
        if (description?.Length > Folder.DescriptionMaxLength)
            return FilesResult.Invalid("The description is longer than 2000 characters.");
        folder.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        return await SaveAsync(folder.Id, null, cancellationToken);
    }

    public async Task<FilesResult> DeleteFolderAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var folder = await db.Set<Folder>().FirstOrDefaultAsync(f => f.Id == folderId && f.DeletedAt == null, cancellationToken);
        var (actions, exists) = await ActionsOnAsync(folderId, cancellationToken);
        if (folder is null || folder.ParentId is null || !exists)
            return FilesResult.NotFound;
        if (Require(actions, FolderActions.DeleteFolder, FilesRights.Delete.Code) is { } refused)
            return refused;
        folder.DeletedAt = clock.GetUtcNow();
        folder.DeletedById = actor.UserId;
        return await SaveAsync(folder.Id, null, cancellationToken);
    }

    public async Task<FilesResult> RenameFileAsync(Guid fileId, string? name, bool mayOrganize, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Id == fileId && f.DeletedAt == null, cancellationToken);
        if (file is null || !(await ActionsOnAsync(file.FolderId, cancellationToken)).Exists)
            return FilesResult.NotFound;
        if (!mayOrganize)
            return FilesResult.Refused(FilesRights.Folders.Code);
        if (FileNames.Problem(name) is { } problem)
            return FilesResult.Invalid(problem);
        file.Name = name!;
        file.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(file.Id, "A file of this name is already there.", cancellationToken);
    }

    public async Task<FilesResult> MoveFileAsync(Guid fileId, Guid targetId, bool mayOrganize, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Id == fileId && f.DeletedAt == null, cancellationToken);
        if (file is null || !(await ActionsOnAsync(file.FolderId, cancellationToken)).Exists)
            return FilesResult.NotFound;
        var (target, targetExists) = await ActionsOnAsync(targetId, cancellationToken);
        if (!targetExists)
            return FilesResult.NotFound;
        if (!mayOrganize)
            return FilesResult.Refused(FilesRights.Folders.Code);
        if (Require(target, FolderActions.Upload, FilesRights.Upload.Code) is { } refused)
            return refused;
        file.FolderId = targetId;
        file.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(file.Id, "A file of this name is already there.", cancellationToken);
    }

    public async Task<FilesResult> DescribeFileAsync(Guid fileId, string? description, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Id == fileId && f.DeletedAt == null, cancellationToken);
        if (file is null)
            return FilesResult.NotFound;
        var (actions, exists) = await ActionsOnAsync(file.FolderId, cancellationToken);
        if (!exists)
            return FilesResult.NotFound;
        if (Require(actions, FolderActions.Describe, FilesRights.Describe.Code) is { } refused)
            return refused;
        if (description?.Length > StoredFile.DescriptionMaxLength)
            return FilesResult.Invalid("The description is longer than 2000 characters.");
        file.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        return await SaveAsync(file.Id, null, cancellationToken);
    }

    public async Task<FilesResult> DeleteFileAsync(Guid fileId, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Id == fileId && f.DeletedAt == null, cancellationToken);
        if (file is null)
            return FilesResult.NotFound;
        var (actions, exists) = await ActionsOnAsync(file.FolderId, cancellationToken);
        if (!exists)
            return FilesResult.NotFound;
        if (Require(actions, FolderActions.DeleteFiles, FilesRights.Delete.Code) is { } refused)
            return refused;
        file.DeletedAt = clock.GetUtcNow();
        file.DeletedById = actor.UserId;
        return await SaveAsync(file.Id, null, cancellationToken);
    }

    /// <summary>What the user may restore: items in the bin whose folder they may delete in.</summary>
    public async Task<(List<(Folder Folder, string Path)> Folders, List<(StoredFile File, string Path)> Files)> BinAsync(CancellationToken cancellationToken)
    {
        var principal = await access.CurrentAsync(cancellationToken);
        var folders = new List<(Folder, string)>();
        foreach (var folder in await db.Set<Folder>().AsNoTracking().Where(f => f.DeletedAt != null).OrderByDescending(f => f.DeletedAt).Take(500).ToListAsync(cancellationToken))
        {
            if (folder.ParentId is { } parent && (await access.OnFolderAsync(parent, principal, cancellationToken)).Actions.HasFlag(FolderActions.DeleteFolder))
                folders.Add((folder, FolderPaths.PathOf(db, folder)));
        }

        var files = new List<(StoredFile, string)>();
        foreach (var file in await db.Set<StoredFile>().AsNoTracking().Where(f => f.DeletedAt != null).OrderByDescending(f => f.DeletedAt).Take(500).ToListAsync(cancellationToken))
        {
            if ((await access.OnFolderAsync(file.FolderId, principal, cancellationToken)).Actions.HasFlag(FolderActions.DeleteFiles))
                files.Add((file, FolderPaths.PathOf(db, file)));
        }

        return (folders, files);
    }

    public async Task<FilesResult> RestoreFolderAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var folder = await db.Set<Folder>().FirstOrDefaultAsync(f => f.Id == folderId && f.DeletedAt != null, cancellationToken);
        if (folder?.ParentId is not { } parent)
            return FilesResult.NotFound;
        var (actions, exists) = await ActionsOnAsync(parent, cancellationToken);
        if (!exists)
            return FilesResult.NotFound;
        if (Require(actions, FolderActions.DeleteFolder, FilesRights.Delete.Code) is { } refused)
            return refused;
        folder.DeletedAt = null;
        folder.DeletedById = null;
        return await SaveAsync(folder.Id, "A folder of this name is there now: rename it first.", cancellationToken);
    }

    public async Task<FilesResult> RestoreFileAsync(Guid fileId, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Id == fileId && f.DeletedAt != null, cancellationToken);
        if (file is null)
            return FilesResult.NotFound;
        var (actions, exists) = await ActionsOnAsync(file.FolderId, cancellationToken);
        if (!exists)
            return FilesResult.NotFound;
        if (Require(actions, FolderActions.DeleteFiles, FilesRights.Delete.Code) is { } refused)
            return refused;
        file.DeletedAt = null;
        file.DeletedById = null;
        return await SaveAsync(file.Id, "A file of this name is there now: rename it first.", cancellationToken);
    }

    /// <summary>Folders and files whose name or description holds the text, among those the user may read.</summary>
#pragma warning disable CA1304, CA1311, CA1862 // ToUpper() here is SQL's UPPER() on both databases, not .NET's culture
    public async Task<(List<(Folder Folder, string Path)> Folders, List<(StoredFile File, string Path)> Files)> SearchAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var principal = await access.CurrentAsync(cancellationToken);
        var needle = text.Trim().ToUpperInvariant();
        var readable = new Dictionary<Guid, bool>();

        async Task<bool> ReadableAsync(Guid folderId)
        {
            if (!readable.TryGetValue(folderId, out var ok))
                readable[folderId] = ok = (await access.OnFolderAsync(folderId, principal, cancellationToken)).Actions.HasFlag(FolderActions.Read);
            return ok;
        }

        var folders = new List<(Folder, string)>();
        foreach (var folder in await db.Set<Folder>().AsNoTracking()
                     .Where(f => f.DeletedAt == null && f.ParentId != null && (f.Name.ToUpper().Contains(needle) || (f.Description != null && f.Description.ToUpper().Contains(needle))))
                     .OrderBy(f => f.Name).Take(200).ToListAsync(cancellationToken))
        {
            if (await ReadableAsync(folder.Id))
                folders.Add((folder, FolderPaths.PathOf(db, folder)));
        }

        var files = new List<(StoredFile, string)>();
        foreach (var file in await db.Set<StoredFile>().AsNoTracking()
                     .Where(f => f.DeletedAt == null && (f.Name.ToUpper().Contains(needle) || (f.Description != null && f.Description.ToUpper().Contains(needle))))
                     .OrderBy(f => f.Name).Take(200).ToListAsync(cancellationToken))
        {
            if (await ReadableAsync(file.FolderId))
                files.Add((file, FolderPaths.PathOf(db, file)));
        }

        return (folders, files);
    }
#pragma warning restore CA1304, CA1311, CA1862

    private async Task<FilesResult> SaveAsync(Guid id, string? conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return FilesResult.Done(id);
        }
        catch (DbUpdateException) when (conflict is not null)
        {
            db.ChangeTracker.Clear();
            return FilesResult.Invalid(conflict);
        }
    }
}
