using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

/// <summary>
/// What the sales pages share: an action's outcome becomes a redirect (done), 404 (not there for this user),
/// "Access is prohibited" naming the right (beyond its scope — recorded), or the form again with the reasons (422).
/// </summary>
public abstract class SalesPageModel(IStringLocalizer<SalesTexts> texts) : PageModel
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Message => TempData.Peek("sales-message") as string;

    protected IStringLocalizer<SalesTexts> Texts => texts;

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The problems of the custom fields, by key.</summary>
    public IReadOnlyDictionary<string, string> CustomErrors => Errors.Where(e => e.Key.StartsWith(Gydex.Kernel.CustomFields.CustomFields.FormPrefix, StringComparison.Ordinal))
        .ToDictionary(e => e.Key[Gydex.Kernel.CustomFields.CustomFields.FormPrefix.Length..], e => e.Value, StringComparer.Ordinal);

    /// <summary>The cf.* values of the posted form.</summary>
    protected Dictionary<string, string?> PostedCustom() => Gydex.Kernel.CustomFields.CustomFieldForm.Posted(Request.Form);

    protected void Done(string message) => TempData["sales-message"] = texts[message].Value;

    protected async Task<IActionResult> OutcomeAsync<T>(SalesResult<T> result, Func<string> doneUrl, Func<Task<IActionResult>> showAgain)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(doneUrl);
        ArgumentNullException.ThrowIfNull(showAgain);
        switch (result.Outcome)
        {
            case SalesOutcome.Done:
                return LocalRedirect(doneUrl());
            case SalesOutcome.NotFound:
                return NotFound();
            case SalesOutcome.Refused:
                await SalesDenials.RecordAsync(HttpContext, result.Right!, "(beyond the right's scope)", HttpContext.RequestAborted);
                return LocalRedirect(Request.PathBase + Request.Path + "?" + HandlerRightsFilter.DeniedQuery + "=" + Uri.EscapeDataString(result.Right!.Code));
            default:
                foreach (var (field, error) in result.Errors!)
                    Errors[field] = texts[error];
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await showAgain();
        }
    }
}
