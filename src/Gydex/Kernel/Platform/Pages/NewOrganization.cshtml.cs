using System.ComponentModel.DataAnnotations;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Platform.Pages;

/// <summary>Opening an organization from the console: its own database, its first administrator.</summary>
public sealed class NewOrganizationModel(OrganizationProvisioner provisioner, IStringLocalizer<WebTexts> texts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "The name is required.")]
        [StringLength(Organization.NameMaxLength, ErrorMessage = "The name must be at most {1} characters long.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "The address is required.")]
        [StringLength(OrgSlug.MaxLength, MinimumLength = OrgSlug.MinLength, ErrorMessage = "The address must be {2}–{1} characters long.")]
        public string Slug { get; set; } = "";

        [Required(ErrorMessage = "The time zone is required.")]
        [StringLength(64, ErrorMessage = "Unknown time zone; use an IANA id such as Europe/Moscow.")]
        public string TimeZoneId { get; set; } = "Europe/Moscow";

        [Required]
        public string DefaultLanguage { get; set; } = "ru";

        [Required(ErrorMessage = "The login is required.")]
        [StringLength(GydexUser.LoginMaxLength, ErrorMessage = "The login must be at most {1} characters long.")]
        public string AdminLogin { get; set; } = "admin";

        [StringLength(GydexUser.DisplayNameMaxLength, ErrorMessage = "The name must be at most {1} characters long.")]
        public string? AdminDisplayName { get; set; }

        [EmailAddress(ErrorMessage = "The e-mail is not valid.")]
        [StringLength(256, ErrorMessage = "The e-mail is too long.")]
        public string? AdminEmail { get; set; }
    }

    public static readonly IReadOnlyList<string> CommonTimeZones =
    [
        "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk",
        "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka",
        "Europe/Minsk", "Asia/Almaty", "UTC",
    ];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Organization? Created { get; private set; }

    public string? AdminPassword { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var result = await provisioner.CreateAsync(new NewOrganization(
            Input.Slug.Trim(), Input.Name, Input.TimeZoneId.Trim(), Input.DefaultLanguage, Input.AdminLogin.Trim(),
            Input.AdminDisplayName, Input.AdminEmail), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var (field, error) in result.Errors)
                ModelState.AddModelError("Input." + field, texts[error]);
            return Page();
        }

        Created = result.Organization;
        AdminPassword = result.AdminPassword;
        return Page();
    }
}
