using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Modules.Files.Pages;

/// <summary>Search by name and description; what the user may not read is not found.</summary>
public sealed class SearchModel(FileStorage storage) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<(Folder Folder, string Path)> Folders { get; private set; } = [];

    public List<(StoredFile File, string Path)> Files { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Q) || Q.Trim().Length < 2)
            return;
        (Folders, Files) = await storage.SearchAsync(Q.Length > 200 ? Q[..200] : Q, HttpContext.RequestAborted);
    }
}
