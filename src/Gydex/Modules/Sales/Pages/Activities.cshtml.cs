using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

public sealed class ActivitiesModel(Activities activities, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    [BindProperty(SupportsGet = true)]
    public ActivityKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public SalesPage<ActivityRow> Result { get; private set; } = new([], null);

    public string Link(string? after = null) =>
        Url.Content("~/activities") + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
        {
            ["kind"] = Kind?.ToString(), ["after"] = after,
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task<IActionResult> OnGetAsync()
    {
        Result = await activities.ListAsync(new ActivityFilter { Kind = Kind, After = After }, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var result = await activities.DeleteAsync(id, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The activity has been deleted.");
        return await OutcomeAsync(result, () => Link(), OnGetAsync);
    }
}
