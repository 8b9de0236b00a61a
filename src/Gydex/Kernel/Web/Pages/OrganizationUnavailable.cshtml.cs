using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Web.Pages;

/// <summary>
/// Shown while an organization's start-up migration is pending or has failed, or while it is being restored from
/// a backup; the others keep serving.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EndpointScope(EndpointScopeKind.Global)]
public sealed class OrganizationUnavailableModel(CurrentOrganization organization, MigrationStatus migrations) : PageModel
{
    public string Name { get; private set; } = "";

    public bool Restoring { get; private set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private IActionResult Show()
    {
        if (organization.Organization is not { } org || (org.Status != OrganizationStatus.Restoring && migrations.Get(org.Id) == OrgMigrationState.Done))
            return NotFound();
        Name = org.Name;
        Restoring = org.Status == OrganizationStatus.Restoring;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "60";
        return Page();
    }
}
