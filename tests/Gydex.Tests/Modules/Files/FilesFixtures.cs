using System.Text;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests;

/// <summary>Folders and files made directly in an organization's database and blob store, for tests to act on.</summary>
public static class FilesFixtures
{
    public sealed record SampleTree(Guid RootId, Guid FolderId, Guid OtherFolderId, Guid FileId, Guid DeletedFolderId, Guid DeletedFileId);

    public static async Task<Folder> FolderAsync(IServiceProvider sp, Guid parentId, string name, params (PrincipalKind Kind, Guid? Id, FolderActions Actions)[] own)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var db = sp.GetRequiredService<OrgDbContext>();
        var folder = new Folder { Id = Guid.CreateVersion7(), ParentId = parentId, Name = name, InheritsPermissions = own.Length == 0, CreatedAt = DateTimeOffset.UtcNow };
        db.Add(folder);
        foreach (var (kind, id, actions) in own)
            db.Add(new FolderRightEntry { Id = Guid.CreateVersion7(), FolderId = folder.Id, PrincipalKind = kind, PrincipalId = id, Actions = actions });
        await db.SaveChangesAsync();
        return folder;
    }

    public static async Task<StoredFile> FileAsync(IServiceProvider sp, Guid folderId, string name, string content)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var db = sp.GetRequiredService<OrgDbContext>();
        var org = sp.GetRequiredService<CurrentOrganization>().Required;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var blob = await sp.GetRequiredService<BlobStore>().WriteAsync(org.Id, stream, long.MaxValue, CancellationToken.None);
        if (!await db.Set<FileBlob>().AnyAsync(b => b.Sha256 == blob.Sha256))
            db.Add(new FileBlob { Sha256 = blob.Sha256, Size = blob.Size, CreatedAt = DateTimeOffset.UtcNow });
        var file = new StoredFile { Id = Guid.CreateVersion7(), FolderId = folderId, Name = name, CurrentVersion = 1, Size = blob.Size, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Add(file);
        db.Add(new FileVersion { Id = Guid.CreateVersion7(), FileId = file.Id, Number = 1, Sha256 = blob.Sha256, Size = blob.Size, UploadedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return file;
    }

    public static async Task<Guid> RootAsync(IServiceProvider sp) =>
        await sp.GetRequiredService<OrgDbContext>().Set<Folder>().Where(f => f.ParentId == null).Select(f => f.Id).SingleAsync();

    /// <summary>Two folders open to everyone (rights of their own: all actions), a file, and a folder and a file in the bin.</summary>
    public static async Task<SampleTree> SampleTreeAsync(IServiceProvider sp)
    {
        var root = await RootAsync(sp);
        var open = (PrincipalKind.Everyone, (Guid?)null, FolderActions.All);
        var folder = await FolderAsync(sp, root, "Samples", open);
        var other = await FolderAsync(sp, root, "Other", open);
        var deletedFolder = await FolderAsync(sp, folder.Id, "Old");
        var file = await FileAsync(sp, folder.Id, "sample.txt", "sample");
        var deletedFile = await FileAsync(sp, folder.Id, "old.txt", "old");
        var db = sp.GetRequiredService<OrgDbContext>();
        foreach (var f in await db.Set<Folder>().Where(f => f.Id == deletedFolder.Id).ToListAsync())
            f.DeletedAt = DateTimeOffset.UtcNow;
        foreach (var f in await db.Set<StoredFile>().Where(f => f.Id == deletedFile.Id).ToListAsync())
            f.DeletedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        return new SampleTree(root, folder.Id, other.Id, file.Id, deletedFolder.Id, deletedFile.Id);
    }
}
