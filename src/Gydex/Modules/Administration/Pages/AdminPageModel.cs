using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages;

/// <summary>An administration page that shows the outcome of its last action: "Saved." or the reason (422).</summary>
public abstract class AdminPageModel(IStringLocalizer<AdministrationTexts> texts) : PageModel
{
    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    protected void Report(AdminResult outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Failed = !outcome.Succeeded;
        Message = outcome.Succeeded ? texts["Saved."] : texts[outcome.Error!];
        if (Failed)
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
    }
}
