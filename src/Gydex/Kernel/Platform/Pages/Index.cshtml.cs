using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Platform.Pages;

/// <summary>The console's home: every organization, its state and placement, suspend and resume.</summary>
public sealed class IndexModel(OrganizationAdministration administration) : PageModel
{
    public List<Organization> Organizations { get; private set; } = [];

    public async Task OnGetAsync() => Organizations = await administration.ListAsync(HttpContext.RequestAborted);

    public Task<IActionResult> OnPostSuspendAsync(string slug) => SetAsync(slug, suspended: true);

    public Task<IActionResult> OnPostResumeAsync(string slug) => SetAsync(slug, suspended: false);

    private async Task<IActionResult> SetAsync(string slug, bool suspended)
    {
        if (!await administration.SetSuspendedAsync(slug, suspended, HttpContext.RequestAborted))
            return NotFound();
        return LocalRedirect("/platform");
    }
}
