using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Files.Pages;

/// <summary>The recycle bin: what the user may restore, kept for the configured number of days.</summary>
public sealed class BinModel(FileStorage storage, FilesOptions options, IStringLocalizer<FilesTexts> texts) : FilesPageModel(texts)
{
    public int Days => options.RecycleBinDays;

    public List<(Folder Folder, string Path)> Folders { get; private set; } = [];

    public List<(StoredFile File, string Path)> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        (Folders, Files) = await storage.BinAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreFolderAsync(Guid id) =>
        await OutcomeAsync(await storage.RestoreFolderAsync(id, HttpContext.RequestAborted), Url.Content($"~/files/folders/{id}"), OnGetAsync);

    public async Task<IActionResult> OnPostRestoreFileAsync(Guid id) =>
        await OutcomeAsync(await storage.RestoreFileAsync(id, HttpContext.RequestAborted), Url.Content($"~/files/file/{id}"), OnGetAsync);
}
