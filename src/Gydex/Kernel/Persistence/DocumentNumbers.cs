using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Kernel.Persistence;

/// <summary>A named counter of an organization's document numbers (counterparties, deals, invoices…).</summary>
public sealed class DocumentSequence
{
    public const int NameMaxLength = 64;

    public string Name { get; set; } = "";

    /// <summary>The last number handed out.</summary>
    public long Value { get; set; }
}

/// <summary>
/// Hands out document numbers from a per-organization sequence with one atomic UPDATE … RETURNING (SQLite ≥ 3.35 and
/// PostgreSQL both have it): two nodes never get the same number, and a rolled-back save only leaves a gap.
/// </summary>
public sealed class DocumentNumbers(OrgDbContext db)
{
    /// <summary>Reserves <paramref name="count"/> numbers and returns the first of them.</summary>
    public async Task<long> ReserveAsync(string sequence, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "DocumentSequences" ("Name", "Value") VALUES ({sequence}, 0) ON CONFLICT ("Name") DO NOTHING""", cancellationToken);
        var last = await db.Database.SqlQuery<long>(
            $"""UPDATE "DocumentSequences" SET "Value" = "Value" + {count} WHERE "Name" = {sequence} RETURNING "Value" """)
            .ToListAsync(cancellationToken);
        return last[0] - count + 1;
    }

    public Task<long> NextAsync(string sequence, CancellationToken cancellationToken) => ReserveAsync(sequence, 1, cancellationToken);

    /// <summary>"CP-000123": the prefix and the number, zero-padded to six digits (more when it outgrows them).</summary>
    public static string Format(string prefix, long number) =>
        prefix + "-" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

[OrgEntity]
internal sealed class DocumentSequenceModel : IEntityTypeConfiguration<DocumentSequence>
{
    public void Configure(EntityTypeBuilder<DocumentSequence> builder)
    {
        builder.ToTable("DocumentSequences");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(DocumentSequence.NameMaxLength);
    }
}
