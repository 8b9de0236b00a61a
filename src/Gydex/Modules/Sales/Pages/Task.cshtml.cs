using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

public sealed class TaskModel(Tasks tasks, SalesPeople people, SalesClock time, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    public TaskRow Row { get; private set; } = null!;

    [BindProperty]
    public TaskForm Form { get; set; } = new();

    public IReadOnlyList<Person> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var row = await tasks.FindAsync(id, HttpContext.RequestAborted);
        if (row is null)
            return NotFound();
        Row = row;
        if (Request.Method == "GET")
            Form = TaskForm.From(row, time);
        People = await people.ActiveAsync(HttpContext.RequestAborted);
        await Form.ShowPickedAsync(people, Errors, HttpContext.RequestAborted);
        return Page();
    }

    private string Here(Guid id) => Url.Content($"~/tasks/{id}");

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        var picked = await Form.ResolvePickerAsync(people, HttpContext.RequestAborted);
        if (picked.Count > 0)
            return await OutcomeAsync(SalesResult.Invalid<SalesTask>(picked), () => "", () => OnGetAsync(id));
        var result = await tasks.UpdateAsync(id, Form.ToInput(time), HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The task has been saved.");
        return await OutcomeAsync(result, () => Here(id), () => OnGetAsync(id));
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id)
    {
        var result = await tasks.CompleteAsync(id, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The task is done.");
        var back = Request.Headers.Referer.ToString();
        return await OutcomeAsync(result, () => back.Contains("/tasks", StringComparison.Ordinal) && !back.Contains($"/tasks/{id}", StringComparison.Ordinal) ? Url.Content("~/tasks") : Here(id),
            () => OnGetAsync(id));
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var result = await tasks.DeleteAsync(id, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The task has been deleted.");
        return await OutcomeAsync(result, () => Url.Content("~/tasks"), () => OnGetAsync(id));
    }
}
