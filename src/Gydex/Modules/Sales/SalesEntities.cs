using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Modules.Sales;

/// <summary>What reaching a stage means: the deal is still being worked on, won, or lost.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StageKind>))]
public enum StageKind
{
    Open,
    Won,
    Lost,
}

/// <summary>A sales pipeline: the ordered stages a deal goes through. An organization may keep several.</summary>
public sealed class Pipeline
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Order { get; set; }

    /// <summary>New deals go into the default pipeline unless another is chosen; exactly one is the default.</summary>
    public bool IsDefault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One stage of a pipeline, with the probability that a deal in it is won.</summary>
public sealed class Stage
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public Guid PipelineId { get; set; }

    public string Name { get; set; } = "";

    public int Order { get; set; }

    /// <summary>Percent, 0–100.</summary>
    public int Probability { get; set; }

    public StageKind Kind { get; set; }
}

/// <summary>A deal: a sale being worked on with a counterparty, moving through the stages of a pipeline.</summary>
public sealed class Deal : Gydex.Kernel.CustomFields.ICustomFieldRecord
{
    /// <summary>The entity type name of deals' custom fields (and their journal documents).</summary>
    public const string CustomFieldsType = "deal";

    public const int TitleMaxLength = 200;
    public const int SourceMaxLength = 100;
    public const int LostReasonMaxLength = 500;
    public const string CodePrefix = "DL-";

    public Guid Id { get; set; }

    /// <summary>The number behind the document code (<c>DL-000042</c>), unique in the organization.</summary>
    public long Number { get; set; }

    public string Code => DocumentCodes.Format(CodePrefix, Number);

    public string Title
    {
        get => title;
        set
        {
            title = value;
            SearchText = SalesSearchText.Of(title, source);
        }
    }

    private string title = "";

    /// <summary>What the list's text search looks in (see <see cref="SalesSearchText"/>); kept by the setters, not journaled.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>A counterparty of the Customers module, known only by id (modules never join each other's tables).</summary>
    public Guid? CounterpartyId { get; set; }

    public Guid? ContactId { get; set; }

    public decimal? Amount { get; set; }

    /// <summary>ISO 4217 code, e.g. RUB.</summary>
    public string Currency { get; set; } = "RUB";

    public Guid PipelineId { get; set; }

    public Guid StageId { get; set; }

    public DateOnly? ExpectedCloseOn { get; set; }

    public Guid ResponsibleId { get; set; }

    /// <summary>The department the deal belongs to (the responsible's when assigned): what the department scope sees.</summary>
    public Guid? DepartmentId { get; set; }

    public string? Source
    {
        get => source;
        set
        {
            source = value;
            SearchText = SalesSearchText.Of(title, source);
        }
    }

    private string? source;

    public string? LostReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the deal reached a won or lost stage; null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>One move of a deal from a stage to another: who, when, from what to what.</summary>
public sealed class DealStageChange
{
    public Guid Id { get; set; }

    public Guid DealId { get; set; }

    public Guid? FromStageId { get; set; }

    public Guid ToStageId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public Guid? ChangedById { get; set; }
}

/// <summary>The kinds of records a task or an activity may be linked to.</summary>
public static class RecordTypes
{
    public const string Deal = "deal";
    public const string Counterparty = "counterparty";
    public const string Contact = "contact";

    public static readonly IReadOnlyList<string> All = [Deal, Counterparty, Contact];

    public static bool IsKnown(string? type) => type is Deal or Counterparty or Contact;
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ActivityKind>))]
public enum ActivityKind
{
    Call,
    Meeting,
    Email,
}

/// <summary>A call, meeting or e-mail logged against a counterparty, contact or deal.</summary>
public sealed class Activity
{
    public const int SubjectMaxLength = 200;
    public const int ResultMaxLength = 2000;

    public Guid Id { get; set; }

    /// <summary>Order of logging, unique: the keyset of the list.</summary>
    public long Number { get; set; }

    public ActivityKind Kind { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>When it took place (UTC).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public int? DurationMinutes { get; set; }

    public string? Result { get; set; }

    /// <summary>One of <see cref="RecordTypes"/>.</summary>
    public string RecordType { get; set; } = "";

    public Guid RecordId { get; set; }

    /// <summary>Who held it (and whose own scope it is in).</summary>
    public Guid ResponsibleId { get; set; }

    public Guid? DepartmentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TaskPriority>))]
public enum TaskPriority
{
    Low,
    Normal,
    High,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SalesTaskStatus>))]
public enum SalesTaskStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>A task for an employee, with a deadline, optionally about a record (deal, counterparty, contact).</summary>
public sealed class SalesTask
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const string CodePrefix = "TS-";

    public Guid Id { get; set; }

    public long Number { get; set; }

    public string Code => DocumentCodes.Format(CodePrefix, Number);

    public string Title
    {
        get => title;
        set
        {
            title = value;
            SearchText = SalesSearchText.Of(title);
        }
    }

    private string title = "";

    /// <summary>What the list's text search looks in (see <see cref="SalesSearchText"/>); kept by the setter, not journaled.</summary>
    public string SearchText { get; set; } = "";

    public string? Description { get; set; }

    public Guid AssigneeId { get; set; }

    public Guid? DepartmentId { get; set; }

    public DateTimeOffset? Deadline { get; set; }

    public TaskPriority Priority { get; set; } = TaskPriority.Normal;

    public SalesTaskStatus Status { get; set; }

    public string? RecordType { get; set; }

    public Guid? RecordId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Kept when the task is done: true when done by its deadline (or it had none). KPIs count it.</summary>
    public bool? CompletedOnTime { get; set; }

    public bool IsOverdue(DateTimeOffset now) => Status is SalesTaskStatus.Open or SalesTaskStatus.InProgress && Deadline is { } d && d < now;
}

/// <summary>A co-worker of a task: sees it among their tasks and may work on it.</summary>
public sealed class SalesTaskCoworker
{
    public Guid TaskId { get; set; }

    public Guid UserId { get; set; }
}

public static class DocumentCodes
{
    public static string Format(string prefix, long number) =>
        prefix + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The number in a code such as <c>DL-000042</c>, or null.</summary>
    public static long? Parse(string prefix, string? code) =>
        code is not null && code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && long.TryParse(code.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : null;
}

[OrgEntity]
internal sealed class SalesModel :
    IEntityTypeConfiguration<Pipeline>, IEntityTypeConfiguration<Stage>, IEntityTypeConfiguration<Deal>,
    IEntityTypeConfiguration<DealStageChange>, IEntityTypeConfiguration<Activity>, IEntityTypeConfiguration<SalesTask>,
    IEntityTypeConfiguration<SalesTaskCoworker>
{
    public void Configure(EntityTypeBuilder<Pipeline> builder)
    {
        builder.ToTable("Pipelines");
        builder.Property(p => p.Name).HasMaxLength(Pipeline.NameMaxLength);
    }

    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.ToTable("PipelineStages");
        builder.Property(s => s.Name).HasMaxLength(Stage.NameMaxLength);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<Pipeline>().WithMany().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PipelineId, s.Order });
    }

    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.ToTable("Deals");
        builder.Ignore(d => d.Code);
        builder.Property(d => d.Title).HasMaxLength(Deal.TitleMaxLength);
        builder.Property(d => d.SearchText).HasMaxLength(SalesSearchText.MaxLength);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Source).HasMaxLength(Deal.SourceMaxLength);
        builder.Property(d => d.LostReason).HasMaxLength(Deal.LostReasonMaxLength);
        builder.HasOne<Pipeline>().WithMany().HasForeignKey(d => d.PipelineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Stage>().WithMany().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.Number).IsUnique();
        // Keyset paging of the list (newest first) and the scopes' filters.
        builder.HasIndex(d => new { d.StageId, d.UpdatedAt });
        builder.HasIndex(d => new { d.ResponsibleId, d.Id });
        builder.HasIndex(d => new { d.DepartmentId, d.Id });
        builder.HasIndex(d => d.CounterpartyId);
        builder.HasIndex(d => d.ContactId);
    }

    public void Configure(EntityTypeBuilder<DealStageChange> builder)
    {
        builder.ToTable("DealStageChanges");
        builder.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.DealId, c.ChangedAt });
    }

    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("Activities");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Subject).HasMaxLength(Activity.SubjectMaxLength);
        builder.Property(a => a.Result).HasMaxLength(Activity.ResultMaxLength);
        builder.Property(a => a.RecordType).HasMaxLength(16);
        builder.HasIndex(a => a.Number).IsUnique();
        builder.HasIndex(a => new { a.RecordType, a.RecordId, a.OccurredAt });
        builder.HasIndex(a => new { a.ResponsibleId, a.Id });
    }

    public void Configure(EntityTypeBuilder<SalesTask> builder)
    {
        builder.ToTable("Tasks");
        builder.Ignore(t => t.Code);
        builder.Property(t => t.Title).HasMaxLength(SalesTask.TitleMaxLength);
        builder.Property(t => t.SearchText).HasMaxLength(SalesSearchText.MaxLength);
        builder.Property(t => t.Description).HasMaxLength(SalesTask.DescriptionMaxLength);
        builder.Property(t => t.Priority).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.RecordType).HasMaxLength(16);
        builder.HasIndex(t => t.Number).IsUnique();
        builder.HasIndex(t => new { t.AssigneeId, t.Status, t.Deadline });
        builder.HasIndex(t => new { t.RecordType, t.RecordId });
    }

    public void Configure(EntityTypeBuilder<SalesTaskCoworker> builder)
    {
        builder.ToTable("TaskCoworkers");
        builder.HasKey(c => new { c.TaskId, c.UserId });
        builder.HasOne<SalesTask>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.UserId);
    }
}

/// <summary>
/// The one column a deal or task is searched by: its words normalized as Customers' <see cref="Customers.SearchText"/>
/// (upper-cased in .NET, ё as е), because SQLite's LIKE and upper() know only ASCII letters; PostgreSQL answers from
/// a trigram index on it.
/// </summary>
public static class SalesSearchText
{
    public const int MaxLength = 400;

    public static string Of(params string?[] parts)
    {
        var text = string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Customers.SearchText.Normalize(p).Replace('\n', ' ')));
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }
}
