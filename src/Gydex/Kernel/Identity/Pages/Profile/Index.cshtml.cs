using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Identity.Pages.Profile;

/// <summary>The user's own account: who they are, their language, links to password, two-factor and tokens.</summary>
[Gydex.Kernel.Access.SignedIn]
public sealed class ProfileModel(UserManager<GydexUser> users) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string Login { get; private set; } = "";

    public string? Email { get; private set; }

    public string? Language { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        DisplayName = user.DisplayName;
        Login = user.UserName ?? "";
        Email = user.Email;
        Language = user.Language;
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostLanguageAsync(string? language)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (!string.IsNullOrEmpty(language) && !OrgCultureProvider.IsSupported(language))
            return BadRequest();
        user.Language = string.IsNullOrEmpty(language) ? null : language;
        await users.UpdateAsync(user);
        if (user.Language is not null)
            OrgCultureProvider.Remember(HttpContext, user.Language);
        else
            Response.Cookies.Delete(OrgCultureProvider.OrgCookie, new Microsoft.AspNetCore.Http.CookieOptions { Path = Request.PathBase.Value });
        return LocalRedirect(Url.Content("~/profile?saved=true"));
    }
}
