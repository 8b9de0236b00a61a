namespace Gydex.Modules.Sales.Pages;

/// <summary>The task form's fields; the deadline is the organization's local time.</summary>
public sealed class TaskForm
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>The assignee picker's text box and the text the page showed for the chosen id (see <see cref="Picker"/>).</summary>
    public string? AssigneeText { get; set; }

    public string? AssigneeShown { get; set; }

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

    /// <summary>Turns the assignee typed into the picker into an id; the problem, if none or several employees match.</summary>
    public async Task<Dictionary<string, string>> ResolvePickerAsync(SalesPeople people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var (assignee, error) = await Picker.ResolveAsync(AssigneeId, AssigneeText, AssigneeShown, (text, take) => people.PickAsync(text, take, cancellationToken),
            "No employee matches the text: choose one from the list.", "Several employees match the text: type more of the name.");
        if (error is not null)
            return new Dictionary<string, string>(StringComparer.Ordinal) { ["assigneeId"] = error };
        AssigneeId = assignee;
        return [];
    }

    /// <summary>Shows the assignee by name in the picker (after a load, or once the typed text was resolved).</summary>
    public async Task ShowPickedAsync(SalesPeople people, IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(errors);
        if (!errors.ContainsKey("assigneeId"))
            AssigneeText = AssigneeShown = AssigneeId is { } a ? await people.NameAsync(a, cancellationToken) : null;
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
