using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Modules.Operations;

public enum BackupStatus
{
    /// <summary>Being taken; its folder is not in place yet. One left so after a crash never counts as a backup.</summary>
    Running,
    Complete,
    Failed,
}

public enum VerificationOutcome
{
    Pending,
    Passed,
    Failed,
}

/// <summary>Why a backup was taken.</summary>
public enum BackupTrigger
{
    Scheduled,
    Manual,

    /// <summary>Taken automatically before a restore into the organization itself replaced its data.</summary>
    BeforeRestore,
}

/// <summary>A row of the catalog: one backup of an organization (or of the catalog itself) and its verification.</summary>
public sealed class BackupRecord
{
    public const int IdLength = 24;

    /// <summary>Sortable and readable: <c>yyyyMMddTHHmmssZ-xxxxxxx</c>; also the backup's folder name.</summary>
    public string Id { get; set; } = "";

    /// <summary>The organization; null for a backup of the catalog.</summary>
    public Guid? OrganizationId { get; set; }

    public BackupTrigger Trigger { get; set; }

    public BackupStatus Status { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The last migration applied to the database at the snapshot.</summary>
    public string? SchemaVersion { get; set; }

    public long DatabaseBytes { get; set; }

    /// <summary>Bytes of file contents copied by this backup (contents already in the backup area are not copied again).</summary>
    public long NewFileBytes { get; set; }

    public long FileBytes { get; set; }

    public int FileCount { get; set; }

    public VerificationOutcome Verification { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public string? Problem { get; set; }

    /// <summary>The copy on the second destination (Backups:Offsite:Path), for the weekly backups.</summary>
    public VerificationOutcome? Offsite { get; set; }

    public DateTimeOffset? OffsiteAt { get; set; }

    /// <summary>What it is doing now (for the console's progress), and how far, 0–100.</summary>
    public string? Stage { get; set; }

    public int Progress { get; set; }

    public bool IsUsable => Status == BackupStatus.Complete && Verification == VerificationOutcome.Passed;
}

[CatalogEntity]
internal sealed class BackupRecordConfiguration : IEntityTypeConfiguration<BackupRecord>
{
    public void Configure(EntityTypeBuilder<BackupRecord> e)
    {
        e.ToTable("Backups");
        e.HasKey(b => b.Id);
        e.Property(b => b.Id).HasMaxLength(40);
        e.Property(b => b.Trigger).HasConversion<string>().HasMaxLength(16);
        e.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(b => b.Verification).HasConversion<string>().HasMaxLength(16);
        e.Property(b => b.Offsite).HasConversion<string>().HasMaxLength(16);
        e.Property(b => b.SchemaVersion).HasMaxLength(150);
        e.Property(b => b.Problem).HasMaxLength(2000);
        e.Property(b => b.Stage).HasMaxLength(100);
        e.HasIndex(b => new { b.OrganizationId, b.TakenAt });
    }
}
