using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gydex.Modules.Files;

/// <summary>What the journal records of the file storage, each in the transaction of its change.</summary>
public sealed class FilesJournal : IJournalActions
{
    public const string Module = "files";

    public static readonly JournalAction FolderCreated = new("folder.created", Module, new LocalizedText("Папка создана", "Folder created"));
    public static readonly JournalAction FolderRenamed = new("folder.renamed", Module, new LocalizedText("Папка переименована", "Folder renamed"));
    public static readonly JournalAction FolderMoved = new("folder.moved", Module, new LocalizedText("Папка перемещена", "Folder moved"));
    public static readonly JournalAction FolderDescribed = new("folder.described", Module, new LocalizedText("Описание папки изменено", "Folder description changed"));
    public static readonly JournalAction FolderDeleted = new("folder.deleted", Module, new LocalizedText("Папка удалена в корзину", "Folder deleted to the bin"));
    public static readonly JournalAction FolderRestored = new("folder.restored", Module, new LocalizedText("Папка восстановлена", "Folder restored"));
    public static readonly JournalAction FolderChanged = new("folder.changed", Module, new LocalizedText("Папка изменена", "Folder changed"));
    public static readonly JournalAction FolderPurged = new("folder.purged", Module, new LocalizedText("Папка удалена навсегда", "Folder purged"));
    public static readonly JournalAction RightsChanged = new("folder.rights.changed", Module, new LocalizedText("Права папки изменены", "Folder rights changed"));
    public static readonly JournalAction Uploaded = new("file.uploaded", Module, new LocalizedText("Файл загружен", "File uploaded"));
    public static readonly JournalAction Downloaded = new("file.downloaded", Module, new LocalizedText("Файл скачан", "File downloaded"));
    public static readonly JournalAction FileRenamed = new("file.renamed", Module, new LocalizedText("Файл переименован", "File renamed"));
    public static readonly JournalAction FileMoved = new("file.moved", Module, new LocalizedText("Файл перемещён", "File moved"));
    public static readonly JournalAction FileDescribed = new("file.described", Module, new LocalizedText("Описание файла изменено", "File description changed"));
    public static readonly JournalAction FileDeleted = new("file.deleted", Module, new LocalizedText("Файл удалён в корзину", "File deleted to the bin"));
    public static readonly JournalAction FileRestored = new("file.restored", Module, new LocalizedText("Файл восстановлен", "File restored"));
    public static readonly JournalAction FileChanged = new("file.changed", Module, new LocalizedText("Файл изменён", "File changed"));
    public static readonly JournalAction FilePurged = new("file.purged", Module, new LocalizedText("Файл удалён навсегда", "File purged"));

    IEnumerable<JournalAction> IJournalActions.Actions =>
    [
        FolderCreated, FolderRenamed, FolderMoved, FolderDescribed, FolderDeleted, FolderRestored, FolderChanged, FolderPurged, RightsChanged,
        Uploaded, Downloaded, FileRenamed, FileMoved, FileDescribed, FileDeleted, FileRestored, FileChanged, FilePurged,
    ];

    /// <summary>A change named by its main field: the bin first, then the place, the name, the description.</summary>
    private static JournalAction? Named(EntityEntry entry, string parent, JournalAction deleted, JournalAction restored,
        JournalAction moved, JournalAction renamed, JournalAction described)
    {
        bool Changed(string property) => entry.Property(property) is { IsModified: true } p && !Equals(p.OriginalValue, p.CurrentValue);
        if (Changed("DeletedAt"))
            return entry.Property("DeletedAt").CurrentValue is null ? restored : deleted;
        if (Changed(parent))
            return moved;
        if (Changed("Name"))
            return renamed;
        return Changed("Description") ? described : null;
    }

    public static IServiceCollection AddFilesJournal(IServiceCollection services) => services
        .AddJournalActions<FilesJournal>()
        .AddJournaled<Folder>(j => j
            .Records(FolderCreated, FolderChanged, FolderPurged)
            .ChangedAs(e => Named(e, nameof(Folder.ParentId), FolderDeleted, FolderRestored, FolderMoved, FolderRenamed, FolderDescribed),
                FolderDeleted, FolderRestored, FolderMoved, FolderRenamed, FolderDescribed)
            .Document("folder", f => f.Id.ToString(), (f, db) => FolderPaths.PathOf(db, f))
            .Ignore(nameof(Folder.Id), nameof(Folder.CreatedAt), nameof(Folder.CreatedById), nameof(Folder.DeletedById)))
        .AddJournaled<FolderRightEntry>(j => j
            .Records(RightsChanged, RightsChanged, RightsChanged)
            .Document("folder", p => p.FolderId.ToString(), (p, db) => db.Find<Folder>(p.FolderId) is { } f ? FolderPaths.PathOf(db, f) : null)
            .AffectsUser(p => p.PrincipalKind == PrincipalKind.User ? p.PrincipalId : null)
            .AffectsGroup(p => p.PrincipalKind == PrincipalKind.Group ? p.PrincipalId : null)
            .Ignore(nameof(FolderRightEntry.Id), nameof(FolderRightEntry.FolderId)))
        .AddJournaled<StoredFile>(j => j
            .Records(null, FileChanged, FilePurged)
            .ChangedAs(e => Named(e, nameof(StoredFile.FolderId), FileDeleted, FileRestored, FileMoved, FileRenamed, FileDescribed),
                FileDeleted, FileRestored, FileMoved, FileRenamed, FileDescribed)
            .Document("file", f => f.Id.ToString(), (f, db) => FolderPaths.PathOf(db, f))
            .Ignore(nameof(StoredFile.Id), nameof(StoredFile.CreatedAt), nameof(StoredFile.UpdatedAt), nameof(StoredFile.CreatedById),
                nameof(StoredFile.DeletedById), nameof(StoredFile.CurrentVersion), nameof(StoredFile.Size)))
        .AddJournaled<FileVersion>(j => j
            .Records(Uploaded, null, null)
            .Document("file", v => v.FileId.ToString(), (v, db) => db.Find<StoredFile>(v.FileId) is { } f ? FolderPaths.PathOf(db, f) : null)
            .Ignore(nameof(FileVersion.Id), nameof(FileVersion.FileId), nameof(FileVersion.UploadedAt), nameof(FileVersion.UploadedById), nameof(FileVersion.UploadedByName)));
}

/// <summary>A folder's or file's path from the root ("/Agreements/2026/contract.pdf"): the code people know it by.</summary>
public static class FolderPaths
{
    private const int MaxDepth = 64;

    public static string PathOf(DbContext db, Folder folder)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(folder);
        var names = new Stack<string>();
        var current = folder;
        for (var depth = 0; current is { ParentId: { } parentId } && depth < MaxDepth; depth++)
        {
            names.Push(current.Name);
            current = db.Find<Folder>(parentId);
        }

        return "/" + string.Join('/', names);
    }

    public static string PathOf(DbContext db, StoredFile file)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(file);
        var folder = db.Find<Folder>(file.FolderId);
        return folder is null ? file.Name : PathOf(db, folder).TrimEnd('/') + "/" + file.Name;
    }
}
