using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Help.Pages;

/// <summary>The table of contents and search, over the chapters the reader may read.</summary>
[SignedIn]
public sealed class IndexModel(HelpReader help) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<HelpChapter> Contents { get; private set; } = [];

    public IReadOnlyList<HelpChapter>? Results { get; private set; }

    public void OnGet()
    {
        Contents = help.Contents().ToList();
        if (!string.IsNullOrWhiteSpace(Q))
            Results = help.Search(Q.Length > 200 ? Q[..200] : Q);
    }
}
