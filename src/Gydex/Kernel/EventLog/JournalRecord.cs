using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// One record of the event log. Written once, in the transaction of the change it describes, and never
/// updated or deleted (the database's triggers refuse both). <see cref="Hash"/> chains it to the record before.
/// </summary>
public sealed class JournalRecord
{
    public const int ActionMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int DocumentTypeMaxLength = 64;
    public const int DocumentIdMaxLength = 64;
    public const int DocumentCodeMaxLength = 400;
    public const int CommentMaxLength = 4000;
    public const int ChangesMaxLength = 64_000;

    private static long provisional;

    /// <summary>The position in the organization's chain: 1, 2, 3… with no gaps (negative until it is written).</summary>
    public long Id { get; set; }

    /// <summary>A distinct negative key for a record not yet numbered, so several can wait in one context.</summary>
    public static long ProvisionalId() => Interlocked.Decrement(ref provisional);

    /// <summary>UTC, to the millisecond (what both databases keep exactly).</summary>
    public DateTimeOffset At { get; set; }

    public string Action { get; set; } = "";

    public string? Ip { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The user's name as it was at the time, so the record stays readable after a rename or deletion.</summary>
    public string? UserName { get; set; }

    /// <summary>The platform operator acting as <see cref="UserId"/> (support in a test copy).</summary>
    public Guid? OperatorId { get; set; }

    public string? OperatorName { get; set; }

    public Guid? AffectedUserId { get; set; }

    public string? AffectedUserName { get; set; }

    public Guid? AffectedGroupId { get; set; }

    public string? AffectedGroupName { get; set; }

    /// <summary>The code of the right the action was done under.</summary>
    public string? Right { get; set; }

    public string? DocumentType { get; set; }

    /// <summary>The document's key, stable across renames: what a document's History tab looks for.</summary>
    public string? DocumentId { get; set; }

    /// <summary>The code people know it by (e.g. <c>INV-2026-000042</c>, a login, a folder's path).</summary>
    public string? DocumentCode { get; set; }

    /// <summary>An explanation in words.</summary>
    public string? Comment { get; set; }

    /// <summary>The changed fields with old and new values: a JSON array of <see cref="FieldChange"/>.</summary>
    public string? Changes { get; set; }

    /// <summary>SHA-256 (hex) over this record's content and the previous record's hash.</summary>
    public string Hash { get; set; } = "";
}

/// <summary>One changed field of a journaled entity.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>The end of the chain: the last record's id and hash. Locked by each writer, so the chain has one order.</summary>
public sealed class JournalHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastId { get; set; }

    public string LastHash { get; set; } = JournalChain.Genesis;
}

/// <summary>
/// Records moved out of the table into an archive file. The segment keeps the chain's boundary hashes, so the
/// chain is verifiable across it; the table's delete trigger allows deleting only what a segment holds.
/// </summary>
public sealed class JournalSegment
{
    public long Id { get; set; }

    public long FirstId { get; set; }

    public long LastId { get; set; }

    public long Count { get; set; }

    /// <summary>The hash of the record before <see cref="FirstId"/>.</summary>
    public string PreviousHash { get; set; } = "";

    public string LastHash { get; set; } = "";

    public DateTimeOffset FirstAt { get; set; }

    public DateTimeOffset LastAt { get; set; }

    /// <summary>The file's name in the organization's journal archive folder (generated, never user input).</summary>
    public string FileName { get; set; } = "";

    public string FileSha256 { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An optional action an administrator has switched off for the organization.</summary>
public sealed class DisabledJournalAction
{
    public string Action { get; set; } = "";
}

/// <summary>The organization's settings of the journal (one row).</summary>
public sealed class JournalSettings
{
    public const int SingletonId = 1;
    public const int DefaultIdleMinutes = 15;

    public int Id { get; set; } = SingletonId;

    /// <summary>Working time: a gap between two actions longer than this is not counted as work.</summary>
    public int IdleThresholdMinutes { get; set; } = DefaultIdleMinutes;
}

[OrgEntity]
internal sealed class JournalModel :
    IEntityTypeConfiguration<JournalRecord>, IEntityTypeConfiguration<JournalHead>,
    IEntityTypeConfiguration<JournalSegment>, IEntityTypeConfiguration<DisabledJournalAction>, IEntityTypeConfiguration<JournalSettings>
{
    public void Configure(EntityTypeBuilder<JournalSettings> builder)
    {
        builder.ToTable("JournalSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new JournalSettings());
    }

    public void Configure(EntityTypeBuilder<JournalRecord> builder)
    {
        builder.ToTable("Journal");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Action).HasMaxLength(JournalRecord.ActionMaxLength);
        builder.Property(r => r.Ip).HasMaxLength(45);
        builder.Property(r => r.UserName).HasMaxLength(JournalRecord.NameMaxLength);
        builder.Property(r => r.OperatorName).HasMaxLength(JournalRecord.NameMaxLength);
        builder.Property(r => r.AffectedUserName).HasMaxLength(JournalRecord.NameMaxLength);
        builder.Property(r => r.AffectedGroupName).HasMaxLength(JournalRecord.NameMaxLength);
        builder.Property(r => r.Right).HasMaxLength(100);
        builder.Property(r => r.DocumentType).HasMaxLength(JournalRecord.DocumentTypeMaxLength);
        builder.Property(r => r.DocumentId).HasMaxLength(JournalRecord.DocumentIdMaxLength);
        builder.Property(r => r.DocumentCode).HasMaxLength(JournalRecord.DocumentCodeMaxLength);
        builder.Property(r => r.Comment).HasMaxLength(JournalRecord.CommentMaxLength);
        builder.Property(r => r.Changes).HasMaxLength(JournalRecord.ChangesMaxLength);
        builder.Property(r => r.Hash).HasMaxLength(64);

        // Every filter of the journal page pages by id from one of these, so page 1000 costs what page 1 does.
        builder.HasIndex(r => r.At);
        builder.HasIndex(r => new { r.UserId, r.Id });
        builder.HasIndex(r => new { r.AffectedUserId, r.Id });
        builder.HasIndex(r => new { r.AffectedGroupId, r.Id });
        builder.HasIndex(r => new { r.Action, r.Id });
        builder.HasIndex(r => new { r.DocumentType, r.Id });
        builder.HasIndex(r => new { r.DocumentType, r.DocumentId, r.Id });
        builder.HasIndex(r => new { r.DocumentType, r.DocumentCode, r.Id });
        builder.HasIndex(r => new { r.Ip, r.Id });
        builder.HasIndex(r => new { r.Right, r.Id });
    }

    public void Configure(EntityTypeBuilder<JournalHead> builder)
    {
        builder.ToTable("JournalHeads");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64);
        // Moving the head is conditional on where it was: two writers can never both append after one record. The
        // hash is part of the condition too: after a restore the chain can be back at a number a node remembers
        // with another record at it, and appending after the remembered hash would break the chain.
        builder.Property(h => h.LastId).IsConcurrencyToken();
        builder.Property(h => h.LastHash).IsConcurrencyToken();
        builder.HasData(new JournalHead { Id = JournalHead.SingletonId, LastId = 0, LastHash = JournalChain.Genesis });
    }

    public void Configure(EntityTypeBuilder<JournalSegment> builder)
    {
        builder.ToTable("JournalSegments");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.PreviousHash).HasMaxLength(64);
        builder.Property(s => s.LastHash).HasMaxLength(64);
        builder.Property(s => s.FileName).HasMaxLength(100);
        builder.Property(s => s.FileSha256).HasMaxLength(64);
        builder.HasIndex(s => s.FirstId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<DisabledJournalAction> builder)
    {
        builder.ToTable("DisabledJournalActions");
        builder.HasKey(a => a.Action);
        builder.Property(a => a.Action).HasMaxLength(JournalRecord.ActionMaxLength);
    }
}
