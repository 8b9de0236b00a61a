using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

/// <summary>A deal's card: its fields, stage and stage history, activities and tasks about it, and its History.</summary>
public sealed class DealModel(Deals deals, Pipelines pipelines, SalesPeople people, SalesCustomers customers, Activities activities, Tasks tasks,
    SalesClock time, Gydex.Kernel.Access.CurrentAccess access, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    public DealView View { get; private set; } = null!;

    [BindProperty]
    public DealForm Form { get; set; } = new();

    public IReadOnlyList<PipelineView> All { get; private set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<Gydex.Kernel.CustomFields.CustomFieldDefinition> Fields { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CustomValues { get; private set; } = new Dictionary<string, string>();

    public Gydex.Kernel.CustomFields.CustomFieldForm CustomForm => new(Fields, CustomValues, CustomErrors);

    public IReadOnlyList<ActivityRow> ActivityRows { get; private set; } = [];

    public IReadOnlyList<TaskRow> TaskRows { get; private set; } = [];

    /// <summary>The signed-in user's name: a new task's assignee unless another is picked.</summary>
    public string MyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var view = await deals.FindAsync(id, ct);
        if (view is null)
            return NotFound();
        View = view;
        if (Request.Method == "GET")
        {
            Form = DealForm.From(view.Row.Deal);
            CustomValues = view.Row.CustomFields;
        }

        All = await pipelines.AllAsync(ct);
        People = await people.ActiveAsync(ct);
        Fields = await deals.FieldDefinitionsAsync(ct);
        await Form.ShowPickedAsync(customers, people, Errors, ct);
        MyName = await people.NameAsync(access.UserId, ct);
        if (Request.Method != "GET")
            CustomValues = PostedCustom().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        if (access.Has(SalesRights.ActivitiesView))
            ActivityRows = (await activities.ListAsync(new ActivityFilter { RecordType = RecordTypes.Deal, RecordId = id, Limit = 50 }, ct)).Items;
        if (access.Has(SalesRights.TasksView))
            TaskRows = (await tasks.ListAsync(new TaskFilter { RecordType = RecordTypes.Deal, RecordId = id, Limit = 50 }, ct)).Items;

        return Page();
    }

    private string Here(Guid id) => Url.Content($"~/deals/{id}");

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        var picked = await Form.ResolvePickersAsync(customers, people, HttpContext.RequestAborted);
        if (picked.Count > 0)
            return await OutcomeAsync(SalesResult.Invalid<Deal>(picked), () => "", () => OnGetAsync(id));
        var (input, error) = Form.ToInput();
        if (input is null)
            return await OutcomeAsync(SalesResult.Invalid<Deal>(error!, "The amount is a non-negative number with at most two decimals."), () => "", () => OnGetAsync(id));
        var result = await deals.UpdateAsync(id, input with { CustomFields = PostedCustom() }, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The deal has been saved.");
        return await OutcomeAsync(result, () => Here(id), () => OnGetAsync(id));
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid stageId, string? lostReason)
    {
        var result = await deals.MoveAsync(id, stageId, lostReason, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The deal has been moved.");
        return await OutcomeAsync(result, () => Here(id), () => OnGetAsync(id));
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var result = await deals.DeleteAsync(id, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The deal has been deleted.");
        return await OutcomeAsync(result, () => Url.Content("~/deals"), () => OnGetAsync(id));
    }

    public async Task<IActionResult> OnPostLogActivityAsync(Guid id, ActivityKind kind, string? subject, string? occurredAt, int? durationMinutes, string? result)
    {
        var outcome = await activities.CreateAsync(new ActivityInput
        {
            Kind = kind, Subject = subject ?? "", OccurredAt = time.Parse(occurredAt), DurationMinutes = durationMinutes, Result = result,
            RecordType = RecordTypes.Deal, RecordId = id,
        }, HttpContext.RequestAborted);
        if (outcome.Outcome == SalesOutcome.Done)
            Done("The activity has been logged.");
        return await OutcomeAsync(outcome, () => Here(id) + "#activities", () => OnGetAsync(id));
    }

    public async Task<IActionResult> OnPostAddTaskAsync(Guid id, string? title, string? deadline, Guid? assigneeId, string? assigneeText, string? assigneeShown)
    {
        var (assignee, error) = await Picker.ResolveAsync(assigneeId, assigneeText, assigneeShown, (text, take) => people.PickAsync(text, take, HttpContext.RequestAborted),
            "No employee matches the text: choose one from the list.", "Several employees match the text: type more of the name.");
        if (error is not null)
            return await OutcomeAsync(SalesResult.Invalid<SalesTask>("assigneeId", error), () => "", () => OnGetAsync(id));
        assigneeId = assignee;
        var outcome = await tasks.CreateAsync(new TaskInput
        {
            Title = title ?? "", Deadline = time.Parse(deadline), AssigneeId = assigneeId, RecordType = RecordTypes.Deal, RecordId = id,
        }, HttpContext.RequestAborted);
        if (outcome.Outcome == SalesOutcome.Done)
            Done("The task has been created.");
        return await OutcomeAsync(outcome, () => Here(id) + "#tasks", () => OnGetAsync(id));
    }
}
