using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Web.Pages;

/// <summary>The language switch: remembered in this browser, and in the profile of a signed-in employee.</summary>
[AllowAnonymous]
[EndpointScope(EndpointScopeKind.Global)]
public sealed class CultureModel(CurrentOrganization organization, IServiceProvider services) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        if (!OrgCultureProvider.IsSupported(language))
            return BadRequest();
        OrgCultureProvider.Remember(HttpContext, language!);
        if (organization.Organization is { } org && SameOrganizationHandler.IssuedBy(User, org))
        {
            var users = services.GetRequiredService<UserManager<GydexUser>>();
            if (await users.GetUserAsync(User) is { } user && user.Language != language)
            {
                user.Language = language;
                await users.UpdateAsync(user);
            }
        }

        var home = organization.IsSet ? Request.PathBase + "/" : "/platform";
        // Only back into the same organization (or the console): never an open redirect.
        var scope = organization.IsSet ? Request.PathBase.Value! : "/platform";
        var back = returnUrl is not null && Url.IsLocalUrl(returnUrl)
            && (returnUrl.StartsWith(scope + "/", StringComparison.Ordinal) || returnUrl == scope)
            ? returnUrl
            : home;
        return LocalRedirect(back);
    }
}
