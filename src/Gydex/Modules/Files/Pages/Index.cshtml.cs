using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Files.Pages;

/// <summary>A folder: its path, subfolders and files, and what the user may do in it.</summary>
[DisableRequestSizeLimit] // uploads: the blob store stops at Files:MaxFileBytes while it streams
public sealed class IndexModel(FileStorage storage, CurrentAccess access, IStringLocalizer<FilesTexts> texts) : FilesPageModel(texts)
{
    public FolderView View { get; private set; } = null!;

    public bool MayOrganize => access.Has(FilesRights.Folders);

    public bool MayManageAccess => access.Has(FilesRights.ManageAccess);

    private string Here(Guid id) => Url.Content($"~/files/folders/{id}");

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        var folderId = id ?? (await storage.RootAsync(HttpContext.RequestAborted)).Id;
        var view = await storage.BrowseAsync(folderId, HttpContext.RequestAborted);
        if (view is null)
            return NotFound();
        View = view;
        return Page();
    }

    /// <summary>
    /// One file per request, its body the raw content (the page's script sends each dropped file with a progress
    /// bar); the name comes in the query. Answers JSON for the script, problem details on failure.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid id, string? name)
    {
        // The antiforgery token comes in the X-CSRF-TOKEN header and the body is not a form: only the blob store reads it.
        var result = await storage.UploadAsync(id, name, Request.Body, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            FilesOutcome.Done => new JsonResult(new { id = result.Id }),
            FilesOutcome.NotFound => NotFound(),
            FilesOutcome.Refused => UploadProblem(StatusCodes.Status403Forbidden, Texts["Access is prohibited"], Texts["This folder's rights do not allow it."]),
            _ => UploadProblem(StatusCodes.Status422UnprocessableEntity, Texts["The file was not uploaded"], Texts[result.Message!]),
        };
    }

    private static ObjectResult UploadProblem(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status, ContentTypes = { "application/problem+json" } };

    public async Task<IActionResult> OnPostCreateFolderAsync(Guid id, string? name) =>
        await OutcomeAsync(await storage.CreateFolderAsync(id, name?.Trim(), MayOrganize, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostRenameFolderAsync(Guid id, string? name) =>
        await OutcomeAsync(await storage.RenameFolderAsync(id, name?.Trim(), MayOrganize, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostMoveFolderAsync(Guid id, Guid target) =>
        await OutcomeAsync(await storage.MoveFolderAsync(id, target, MayOrganize, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostDescribeFolderAsync(Guid id, string? description) =>
        await OutcomeAsync(await storage.DescribeFolderAsync(id, description, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostDeleteFolderAsync(Guid id)
    {
        var parent = (await storage.BrowseAsync(id, HttpContext.RequestAborted))?.Folder.ParentId;
        return await OutcomeAsync(await storage.DeleteFolderAsync(id, HttpContext.RequestAborted), parent is { } p ? Here(p) : Url.Content("~/files"), () => OnGetAsync(id));
    }
}
