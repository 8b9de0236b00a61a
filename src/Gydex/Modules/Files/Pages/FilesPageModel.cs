using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Files.Pages;

/// <summary>
/// What the file pages share: an action's outcome becomes a redirect (done), 404 (not there for this user),
/// "Access is prohibited" (the folder's rights do not allow it — recorded), or the reason shown again (422).
/// </summary>
public abstract class FilesPageModel(IStringLocalizer<FilesTexts> texts) : PageModel
{
    public const string FolderDeniedQuery = "folder-denied";

    public string? Message { get; protected set; }

    public bool Failed { get; private set; }

    public bool FolderDenied => Request.Query.ContainsKey(FolderDeniedQuery);

    protected IStringLocalizer<FilesTexts> Texts => texts;

    protected async Task<IActionResult> OutcomeAsync(FilesResult result, string doneUrl, Func<Task<IActionResult>> showAgain)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(showAgain);
        switch (result.Outcome)
        {
            case FilesOutcome.Done:
                return LocalRedirect(doneUrl);
            case FilesOutcome.NotFound:
                return NotFound();
            case FilesOutcome.Refused:
                var recorder = HttpContext.RequestServices.GetRequiredService<IAccessDenialRecorder>();
                var access = HttpContext.RequestServices.GetRequiredService<CurrentAccess>();
                var right = HttpContext.RequestServices.GetRequiredService<RightCatalog>().Find(result.Message ?? "") ?? FilesRights.Access;
                await recorder.RecordAsync(new AccessDenial(right, Request.PathBase + Request.Path + " (folder rights)", Request.Method,
                    access.UserId, User.Identity?.Name, HttpContext.Connection.RemoteIpAddress?.ToString()), HttpContext.RequestAborted);
                return LocalRedirect(Request.PathBase + Request.Path + "?" + FolderDeniedQuery + "=1");
            default:
                Failed = true;
                Message = texts[result.Message ?? "The action could not be done."];
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await showAgain();
        }
    }
}
