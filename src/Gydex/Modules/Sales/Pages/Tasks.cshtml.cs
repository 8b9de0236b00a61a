using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

/// <summary>Tasks: mine (assignee or co-worker) or all within the scope; open, overdue or done; overdue highlighted.</summary>
public sealed class TasksModel(Tasks tasks, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    /// <summary><c>mine</c> (default) or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    /// <summary><c>open</c> (default), <c>overdue</c>, <c>done</c> or <c>any</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public SalesPage<TaskRow> Result { get; private set; } = new([], null);

    public static TaskFilter FilterFor(string? view, string? state) => new()
    {
        Mine = view != "all",
        OpenOnly = state is null or "" or "open",
        OverdueOnly = state == "overdue",
        Status = state == "done" ? SalesTaskStatus.Done : null,
    };

    public string Link(string? after = null) =>
        Url.Content("~/tasks") + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
        {
            ["view"] = View, ["state"] = State, ["q"] = Q, ["sort"] = Sort, ["after"] = after,
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task<IActionResult> OnGetAsync()
    {
        Result = await tasks.ListAsync(FilterFor(View, State) with { Q = Q, Sort = Sort, After = After }, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id)
    {
        var result = await tasks.CompleteAsync(id, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The task is done.");
        return await OutcomeAsync(result, () => Link(), OnGetAsync);
    }
}
