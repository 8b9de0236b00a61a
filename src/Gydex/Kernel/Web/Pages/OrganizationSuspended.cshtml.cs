using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Web.Pages;

/// <summary>Every address of a suspended organization shows this page (the resolver rewrites to it).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EndpointScope(EndpointScopeKind.Global)]
public sealed class OrganizationSuspendedModel(CurrentOrganization organization) : PageModel
{
    public string Name { get; private set; } = "";

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private IActionResult Show()
    {
        if (organization.Organization is not { Status: OrganizationStatus.Suspended } org)
            return NotFound();
        Name = org.Name;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
