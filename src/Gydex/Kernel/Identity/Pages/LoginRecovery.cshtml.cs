using System.ComponentModel.DataAnnotations;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Identity.Pages;

/// <summary>The second step with a one-time recovery code instead of the authenticator.</summary>
[AllowAnonymous]
public sealed class LoginRecoveryModel(SignInManager<GydexUser> signIn, IStringLocalizer<WebTexts> texts) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter a recovery code.")]
    [StringLength(32, ErrorMessage = "The code is too long.")]
    public string RecoveryCode { get; set; } = "";

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
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        return SignInSupport.SecondStepOutcome(this, result, user, ReturnUrl, texts);
    }
}
