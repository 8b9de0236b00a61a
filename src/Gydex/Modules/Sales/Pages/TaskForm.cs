namespace Gydex.Modules.Sales.Pages;

/// <summary>The task form's fields; the deadline is the organization's local time.</summary>
public sealed class TaskForm
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public Guid? AssigneeId { get; set; }

    public List<Guid> Coworkers { get; set; } = [];

    public string? Deadline { get; set; }

    public TaskPriority Priority { get; set; } = TaskPriority.Normal;

    public SalesTaskStatus Status { get; set; }

    public string? RecordType { get; set; }

    public Guid? RecordId { get; set; }

    public static TaskForm From(TaskRow row, SalesClock time)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(time);
        var t = row.Task;
        return new TaskForm
        {
            Title = t.Title, Description = t.Description, AssigneeId = t.AssigneeId, Coworkers = row.Coworkers.Select(c => c.Id).ToList(),
            Deadline = time.Input(t.Deadline), Priority = t.Priority, Status = t.Status, RecordType = t.RecordType, RecordId = t.RecordId,
        };
    }

    public TaskInput ToInput(SalesClock time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var deadline = time.Parse(Deadline);
        return new TaskInput
        {
            Title = Title ?? "", Description = Description ?? "", AssigneeId = AssigneeId, Coworkers = Coworkers, Deadline = deadline,
            ClearDeadline = deadline is null, Priority = Priority, Status = Status,
            RecordType = RecordType is { Length: > 0 } && RecordId is not null ? RecordType : RecordType is null ? null : "", RecordId = RecordId,
        };
    }
}
