using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Kernel.Jobs;

/// <summary>
/// The lease of one occurrence of a job, kept in the catalog that every node shares: the node whose insert of
/// (job, occurrence) succeeds runs it; the others meet the primary key and skip it. Work offered to any node (see
/// <see cref="JobLeases"/>) starts with no node and is taken, renewed and given back by updates of the row.
/// </summary>
public sealed class JobOccurrence
{
    public const int JobMaxLength = 150;

    public string Job { get; set; } = "";

    /// <summary>The occurrence's scheduled time (UTC), not when it actually ran.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The node holding the lease; empty while it is offered to any node.</summary>
    public string Node { get; set; } = "";

    /// <summary>When the holder claimed or last renewed the lease (the Unix epoch while it is offered).</summary>
    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public bool? Succeeded { get; set; }
}

[CatalogEntity]
internal sealed class JobOccurrenceConfiguration : IEntityTypeConfiguration<JobOccurrence>
{
    public void Configure(EntityTypeBuilder<JobOccurrence> e)
    {
        e.ToTable("JobOccurrences");
        e.HasKey(o => new { o.Job, o.At });
        e.Property(o => o.Job).HasMaxLength(JobOccurrence.JobMaxLength);
        e.Property(o => o.Node).HasMaxLength(200);
    }
}
