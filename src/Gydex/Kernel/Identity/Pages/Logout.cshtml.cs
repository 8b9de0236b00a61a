using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Identity.Pages;

/// <summary>Sign-out (POST only, with antiforgery, so a link elsewhere cannot sign anyone out).</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<GydexUser> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(Url.Content("~/"));

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect(Url.Content("~/login"));
    }
}
