using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Files.Pages;

/// <summary>A file: its versions (each downloadable), name, place, description; its history for those who may see the journal.</summary>
public sealed class FileModel(FileStorage storage, CurrentAccess access, IStringLocalizer<FilesTexts> texts) : FilesPageModel(texts)
{
    public FileView View { get; private set; } = null!;

    public bool MayOrganize => access.Has(FilesRights.Folders);

    private string Here(Guid id) => Url.Content($"~/files/file/{id}");

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var view = await storage.FileAsync(id, HttpContext.RequestAborted);
        if (view is null)
            return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? name) =>
        await OutcomeAsync(await storage.RenameFileAsync(id, name?.Trim(), MayOrganize, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid target) =>
        await OutcomeAsync(await storage.MoveFileAsync(id, target, MayOrganize, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostDescribeAsync(Guid id, string? description) =>
        await OutcomeAsync(await storage.DescribeFileAsync(id, description, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var folder = (await storage.FileAsync(id, HttpContext.RequestAborted))?.File.FolderId;
        return await OutcomeAsync(await storage.DeleteFileAsync(id, HttpContext.RequestAborted),
            folder is { } f ? Url.Content($"~/files/folders/{f}") : Url.Content("~/files"), () => OnGetAsync(id));
    }
}
