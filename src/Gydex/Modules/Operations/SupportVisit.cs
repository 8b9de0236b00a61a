using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Modules.Operations;

public enum SupportVisitState
{
    /// <summary>The organization requires an administrator's approval, not given yet.</summary>
    AwaitingApproval,
    Approved,

    /// <summary>The operator has entered (a visit is entered once; another needs a new one).</summary>
    Entered,
}

/// <summary>
/// A platform operator's visit to an organization's test copy as one of its employees: asked for in the console,
/// approved by an administrator where the organization requires it, entered once.
/// </summary>
public sealed class SupportVisit
{
    public Guid Id { get; set; }

    /// <summary>The production organization (whose administrators approve and see the visit in their journal).</summary>
    public Guid OrganizationId { get; set; }

    public Guid OperatorId { get; set; }

    public string OperatorName { get; set; } = "";

    public Guid EmployeeId { get; set; }

    public string EmployeeName { get; set; } = "";

    public SupportVisitState State { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? EnteredAt { get; set; }
}

[CatalogEntity]
internal sealed class SupportVisitConfiguration : IEntityTypeConfiguration<SupportVisit>
{
    public void Configure(EntityTypeBuilder<SupportVisit> e)
    {
        e.ToTable("SupportVisits");
        e.Property(v => v.OperatorName).HasMaxLength(200);
        e.Property(v => v.EmployeeName).HasMaxLength(200);
        e.Property(v => v.ApprovedBy).HasMaxLength(200);
        e.Property(v => v.State).HasConversion<string>().HasMaxLength(24);
        e.HasIndex(v => new { v.OrganizationId, v.RequestedAt });
    }
}
