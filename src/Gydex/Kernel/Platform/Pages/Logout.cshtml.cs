using Gydex.Kernel.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Platform.Pages;

[AllowAnonymous]
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/platform");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(GydexAuth.PlatformScheme);
        return LocalRedirect("/platform/login");
    }
}
