using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Modules.Files;

/// <summary>What a folder's own rights allow; the effective permission also needs the matching program right.</summary>
[Flags]
public enum FolderActions
{
    None = 0,
    Read = 1,
    Upload = 2,
    DeleteFolder = 4,
    DeleteFiles = 8,
    Describe = 16,
    ManageAccess = 32,
    All = Read | Upload | DeleteFolder | DeleteFiles | Describe | ManageAccess,
}

public enum PrincipalKind
{
    /// <summary>Everyone with <c>files.access</c> (the root's default).</summary>
    Everyone,
    Group,
    User,
}

/// <summary>A folder of the organization's file storage.</summary>
public sealed class Folder
{
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; }

    /// <summary>Null for the root, of which each organization has one.</summary>
    public Guid? ParentId { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>True: the folder has no entries of its own and uses its parent's. False: only its own entries count.</summary>
    public bool InheritsPermissions { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    /// <summary>Set while the folder is in the recycle bin (its whole subtree with it).</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public Guid? DeletedById { get; set; }
}

/// <summary>One entry of a folder's own rights: a user, a group or everyone, and the actions allowed.</summary>
public sealed class FolderRightEntry
{
    public Guid Id { get; set; }

    public Guid FolderId { get; set; }

    public PrincipalKind PrincipalKind { get; set; }

    /// <summary>The user's or group's id; null for <see cref="PrincipalKind.Everyone"/>.</summary>
    public Guid? PrincipalId { get; set; }

    public FolderActions Actions { get; set; }
}

/// <summary>A file: its name in its folder and its versions; the contents live in the blob store.</summary>
public sealed class StoredFile
{
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid FolderId { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The number of the newest version (versions are 1, 2, 3…).</summary>
    public int CurrentVersion { get; set; }

    public long Size { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public Guid? DeletedById { get; set; }
}

/// <summary>One uploaded content of a file.</summary>
public sealed class FileVersion
{
    public Guid Id { get; set; }

    public Guid FileId { get; set; }

    public int Number { get; set; }

    /// <summary>The content's SHA-256 (hex): its address in the blob store.</summary>
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public Guid? UploadedById { get; set; }

    public string? UploadedByName { get; set; }
}

/// <summary>A content stored once per organization, whatever number of versions point at it.</summary>
public sealed class FileBlob
{
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

[OrgEntity]
internal sealed class FilesModel :
    IEntityTypeConfiguration<Folder>, IEntityTypeConfiguration<FolderRightEntry>, IEntityTypeConfiguration<StoredFile>,
    IEntityTypeConfiguration<FileVersion>, IEntityTypeConfiguration<FileBlob>
{
    public void Configure(EntityTypeBuilder<Folder> builder)
    {
        builder.ToTable("Folders");
        builder.Property(f => f.Name).HasMaxLength(FileNames.MaxChars);
        builder.Property(f => f.Description).HasMaxLength(Folder.DescriptionMaxLength);
        builder.HasOne<Folder>().WithMany().HasForeignKey(f => f.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.ParentId);
        // Two live folders of one name in one place would be ambiguous; those in the bin do not count.
        builder.HasIndex(f => new { f.ParentId, f.Name }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
    }

    public void Configure(EntityTypeBuilder<FolderRightEntry> builder)
    {
        builder.ToTable("FolderRightEntries");
        builder.Property(p => p.PrincipalKind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Folder>().WithMany().HasForeignKey(p => p.FolderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.FolderId, p.PrincipalKind, p.PrincipalId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("Files");
        builder.Property(f => f.Name).HasMaxLength(FileNames.MaxChars);
        builder.Property(f => f.Description).HasMaxLength(StoredFile.DescriptionMaxLength);
        builder.HasOne<Folder>().WithMany().HasForeignKey(f => f.FolderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.FolderId, f.Name }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(f => f.DeletedAt);
    }

    public void Configure(EntityTypeBuilder<FileVersion> builder)
    {
        builder.ToTable("FileVersions");
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.UploadedByName).HasMaxLength(200);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(v => v.FileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<FileBlob>().WithMany().HasForeignKey(v => v.Sha256).OnDelete(DeleteBehavior.Restrict);
        // Two uploads racing for the same next number: one of them retries as the number after.
        builder.HasIndex(v => new { v.FileId, v.Number }).IsUnique();
        builder.HasIndex(v => v.Sha256);
    }

    public void Configure(EntityTypeBuilder<FileBlob> builder)
    {
        builder.ToTable("FileBlobs");
        builder.HasKey(b => b.Sha256);
        builder.Property(b => b.Sha256).HasMaxLength(64);
    }
}
