using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Help.Pages;

/// <summary>One chapter; a chapter the reader may not read answers 404, as one that does not exist.</summary>
[SignedIn]
public sealed class ChapterModel(HelpReader help) : PageModel
{
    public HelpChapter Chapter { get; private set; } = null!;

    /// <summary>Rendered from Markdown with raw HTML disabled and links filtered (see <see cref="HelpMarkdown"/>).</summary>
    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (id.Length > HelpChapter.IdMaxLength || await help.FindAnyAsync(id, HttpContext.RequestAborted) is not { } chapter)
            return NotFound();
        Chapter = chapter;
        Html = await help.RenderAsync(chapter, HttpContext.RequestAborted);
        return Page();
    }
}
