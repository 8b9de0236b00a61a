using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Gydex.Kernel.Web;

namespace Gydex.Kernel.Identity.Pages;

/// <summary>Sign-in by login or e-mail; an unknown login and a wrong password get the same answer.</summary>
[AllowAnonymous]
public sealed class LoginModel(
    UserManager<GydexUser> users,
    SignInManager<GydexUser> signIn,
    CurrentOrganization organization,
    IStringLocalizer<WebTexts> texts) : PageModel
{
    public sealed class InputModel : CredentialsInput
    {
        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string OrganizationName => organization.Required.Name;

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true && SameOrganizationHandler.IssuedBy(User, organization.Required))
            return LocalRedirect(SignInSupport.SafeReturnUrl(Request, ReturnUrl));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();

        var user = await AuthApi.FindByLoginOrEmailAsync(users, Input.Login.Trim());
        if (user is null)
        {
            // The time of a real check, so that timing does not tell which logins exist.
            users.PasswordHasher.HashPassword(new GydexUser(), Input.Password);
            await ((GydexSignInManager)signIn).RecordUnknownLoginAsync(Input.Login.Trim());
            return Invalid();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            SignInSupport.RestoreLanguage(HttpContext, user);
            return LocalRedirect(SignInSupport.SafeReturnUrl(Request, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
            return LocalRedirect(Url.Content("~/login/two-factor") + QueryString.Create(new Dictionary<string, string?>
            {
                ["returnUrl"] = SignInSupport.SafeReturnUrl(Request, ReturnUrl),
                ["rememberMe"] = Input.RememberMe ? "true" : "false",
            }));
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", texts["Sign-in is temporarily blocked after repeated failures. Try again in 15 minutes."]);
            return Page();
        }

        return Invalid();
    }

    private PageResult Invalid()
    {
        ModelState.AddModelError("", texts["Invalid login or password."]);
        return Page();
    }
}
