using Gydex.Kernel.Lists;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Modules.Customers;

/// <summary>
/// Where an import stands. <c>Queued</c> and <c>Running</c> are durable: whichever node takes the import's lease
/// runs it, and a node that starts picks up those its predecessor left. An undo goes through the same two with
/// <see cref="CustomerImport.UndoneAt"/> set.
/// </summary>
public enum ImportStatus
{
    /// <summary>Uploaded, waiting for its column mapping.</summary>
    Pending,
    Queued,
    Running,
    Done,
    Failed,
    Undone,
}

/// <summary>What an import does with a row that matches an existing record (by INN, e-mail or phone).</summary>
public enum DuplicateMode
{
    Skip,
    Update,
    Create,
}

/// <summary>One import of a CSV or Excel file into counterparties or contacts.</summary>
public sealed class CustomerImport
{
    public Guid Id { get; set; }

    /// <summary><c>counterparties</c> or <c>contacts</c>.</summary>
    public string Target { get; set; } = "";

    public string FileName { get; set; } = "";

    /// <summary>The CSV file's encoding as the user chose it on the mapping step (detected when <c>Auto</c>).</summary>
    public TextEncoding Encoding { get; set; }

    public ImportStatus Status { get; set; }

    public DuplicateMode Duplicates { get; set; }

    /// <summary>Field → column header, as JSON.</summary>
    public string Mapping { get; set; } = "{}";

    public int Total { get; set; }

    /// <summary>
    /// The data rows done, committed with each batch: a resumed import skips that many. Also a concurrency token,
    /// so a node that lost the import's lease cannot commit a batch another node already committed.
    /// </summary>
    public int Processed { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    public int Rejected { get; set; }

    public string? Error { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }

    /// <summary>The last <see cref="ImportedRecord"/> an undo has dealt with, committed with each of its batches (a concurrency token like <see cref="Processed"/>).</summary>
    public long UndoCursor { get; set; }

    public int UndoDeleted { get; set; }

    public int UndoRestored { get; set; }

    public int UndoKept { get; set; }
}

/// <summary>A row an import refused, and why.</summary>
public sealed class ImportRejection
{
    public long Id { get; set; }

    public Guid ImportId { get; set; }

    /// <summary>The row's number in the file (the header is row 1).</summary>
    public int Row { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>A record an import created or changed; for a change, its values before (JSON), so the import can be undone.</summary>
public sealed class ImportedRecord
{
    public long Id { get; set; }

    public Guid ImportId { get; set; }

    public Guid RecordId { get; set; }

    public bool WasCreated { get; set; }

    public string? Before { get; set; }
}

[OrgEntity]
internal sealed class ImportModel : IEntityTypeConfiguration<CustomerImport>, IEntityTypeConfiguration<ImportRejection>, IEntityTypeConfiguration<ImportedRecord>
{
    public void Configure(EntityTypeBuilder<CustomerImport> builder)
    {
        builder.ToTable("CustomerImports");
        builder.Property(i => i.Target).HasMaxLength(32);
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Encoding).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Processed).IsConcurrencyToken();
        builder.Property(i => i.UndoCursor).IsConcurrencyToken();
        builder.Property(i => i.Duplicates).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Mapping).HasMaxLength(8000);
        builder.Property(i => i.Error).HasMaxLength(4000);
        builder.HasIndex(i => i.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<ImportRejection> builder)
    {
        builder.ToTable("CustomerImportRejections");
        builder.Property(r => r.Reason).HasMaxLength(2000);
        builder.HasOne<CustomerImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ImportId, r.Row });
    }

    public void Configure(EntityTypeBuilder<ImportedRecord> builder)
    {
        builder.ToTable("CustomerImportRecords");
        builder.HasOne<CustomerImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ImportId);
    }
}
