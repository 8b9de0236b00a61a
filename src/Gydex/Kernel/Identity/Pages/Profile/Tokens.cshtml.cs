using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Identity.Pages.Profile;

/// <summary>The user's personal API tokens: create (shown once), list, revoke.</summary>
[Gydex.Kernel.Access.SignedIn]
public sealed class TokensModel(UserManager<GydexUser> users, ApiTokenService tokens, CurrentOrganization organization, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Name the token, so you can tell it apart later.")]
        [StringLength(ApiToken.NameMaxLength, ErrorMessage = "The name is too long.")]
        public string Name { get; set; } = "";

        [Range(1, ApiTokenService.MaxPersonalDays, ErrorMessage = "From 1 to 366 days.")]
        public int Days { get; set; } = 90;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<ApiToken> Tokens { get; private set; } = [];

    public string? NewToken { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public string Local(DateTimeOffset instant) =>
        OrgTime.Local(organization.Required, instant).ToString("g", CultureInfo.CurrentCulture);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        Tokens = await tokens.ListPersonalAsync(user.Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (ModelState.IsValid)
        {
            var (token, _) = await tokens.IssueAsync(user.Id, ApiTokenKind.Personal, Input.Name.Trim(), TimeSpan.FromDays(Input.Days), HttpContext.RequestAborted);
            NewToken = token;
            Input = new InputModel();
            ModelState.Clear();
        }

        Tokens = await tokens.ListPersonalAsync(user.Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        // Another user's token id answers as if it did not exist.
        if (!await tokens.RevokeAsync(user.Id, id, HttpContext.RequestAborted))
            return NotFound();
        return LocalRedirect(Url.Content("~/profile/tokens"));
    }
}
