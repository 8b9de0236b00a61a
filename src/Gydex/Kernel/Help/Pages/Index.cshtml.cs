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

    public async Task OnGetAsync()
    {
        Contents = (await help.AllContentsAsync(HttpContext.RequestAborted)).ToList();
        if (!string.IsNullOrWhiteSpace(Q))
            Results = await help.SearchAsync(Q.Length > 200 ? Q[..200] : Q, HttpContext.RequestAborted);
    }
}
