using Gydex.Kernel.Identity;
using Gydex.Kernel.Identity.Pages;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Platform.Pages;

/// <summary>Sign-in of platform operators (accounts in the catalog, not in any organization).</summary>
[AllowAnonymous]
public sealed class LoginModel(PlatformOperators operators, IStringLocalizer<WebTexts> texts) : PageModel
{
    [BindProperty]
    public CredentialsInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var (outcome, principal) = await operators.CheckAsync(Input.Login.Trim(), Input.Password);
        switch (outcome)
        {
            case OperatorSignInOutcome.Success:
                await HttpContext.SignInAsync(GydexAuth.PlatformScheme, principal!);
                var back = ReturnUrl is not null && ReturnUrl.StartsWith("/platform", StringComparison.Ordinal) && Url.IsLocalUrl(ReturnUrl)
                    ? ReturnUrl
                    : "/platform";
                return LocalRedirect(back);
            case OperatorSignInOutcome.LockedOut:
                ModelState.AddModelError("", texts["Sign-in is temporarily blocked after repeated failures. Try again in 15 minutes."]);
                return Page();
            default:
                ModelState.AddModelError("", texts["Invalid login or password."]);
                return Page();
        }
    }
}
