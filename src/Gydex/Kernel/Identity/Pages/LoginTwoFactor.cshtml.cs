using System.ComponentModel.DataAnnotations;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Identity.Pages;

/// <summary>The second step of sign-in for accounts with an authenticator app.</summary>
[AllowAnonymous]
public sealed class LoginTwoFactorModel(SignInManager<GydexUser> signIn, IStringLocalizer<WebTexts> texts) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(9, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool RememberMachine { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect(Url.Content("~/login")) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return LocalRedirect(Url.Content("~/login"));
        if (!ModelState.IsValid)
            return Page();
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberMachine);
        return SignInSupport.SecondStepOutcome(this, result, user, ReturnUrl, texts);
    }
}
