using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Search.Pages;

/// <summary>One box over every module's records; each area answers only with what the user may see.</summary>
[Access.SignedIn]
public sealed class IndexModel(GlobalSearch search) : PageModel
{
    public const int PerArea = 10;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    public IReadOnlyList<ISearchArea> Areas => search.Areas;

    public IReadOnlyList<(ISearchArea Area, IReadOnlyList<SearchHit> Hits)> Results { get; private set; } = [];

    public async Task OnGetAsync() =>
        Results = await search.SearchAsync(Q, string.IsNullOrEmpty(Area) ? null : Area, Area is null ? PerArea : PerArea * 5, HttpContext.RequestAborted);
}
