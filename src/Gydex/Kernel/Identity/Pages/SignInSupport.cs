using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Identity.Pages;

/// <summary>What the sign-in pages share: where to go after signing in, and the language to restore.</summary>
internal static class SignInSupport
{
    /// <summary>A return address inside this organization, else its home page: never an open redirect.</summary>
    public static string SafeReturnUrl(HttpRequest request, string? returnUrl)
    {
        var home = request.PathBase + "/";
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal))
            return home;
        return returnUrl.StartsWith(home, StringComparison.Ordinal) || returnUrl == request.PathBase ? returnUrl : home;
    }

    /// <summary>The language saved in the profile follows the user to any browser they sign in from.</summary>
    public static void RestoreLanguage(HttpContext context, GydexUser user)
    {
        if (OrgCultureProvider.IsSupported(user.Language))
            OrgCultureProvider.Remember(context, user.Language!);
    }

    /// <summary>
    /// The end of the second sign-in step (authenticator or recovery code): into the organization on success,
    /// back to the form with the reason otherwise.
    /// </summary>
    public static IActionResult SecondStepOutcome(PageModel page, Microsoft.AspNetCore.Identity.SignInResult result, GydexUser user, string? returnUrl, IStringLocalizer<WebTexts> texts)
    {
        if (result.Succeeded)
        {
            RestoreLanguage(page.HttpContext, user);
            return new LocalRedirectResult(SafeReturnUrl(page.Request, returnUrl));
        }

        page.ModelState.AddModelError("", result.IsLockedOut
            ? texts["Sign-in is temporarily blocked after repeated failures. Try again in 15 minutes."]
            : texts["The code is not valid."]);
        return page.Page();
    }
}
