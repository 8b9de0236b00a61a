using System.ComponentModel.DataAnnotations;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages.Users;

public sealed class NewModel(UserAdministration users, GroupAdministration groups, DepartmentAdministration departments, IStringLocalizer<AdministrationTexts> texts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "The login is required.")]
        [StringLength(GydexUser.LoginMaxLength, ErrorMessage = "The login is too long.")]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "The name is required.")]
        [StringLength(GydexUser.DisplayNameMaxLength, ErrorMessage = "The name is too long.")]
        public string DisplayName { get; set; } = "";

        [EmailAddress(ErrorMessage = "The e-mail is not valid.")]
        [StringLength(256, ErrorMessage = "The e-mail is too long.")]
        public string? Email { get; set; }

        public Guid? DepartmentId { get; set; }

        public List<Guid> GroupIds { get; set; } = [];
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Group> Groups { get; private set; } = [];

    public List<DepartmentNode> Departments { get; private set; } = [];

    public Guid? CreatedId { get; private set; }

    public string? Password { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
            return Page();
        var (user, password, errors) = await users.CreateAsync(Input.Login.Trim(), Input.DisplayName, Input.Email, Input.DepartmentId, Input.GroupIds, HttpContext.RequestAborted);
        if (user is null)
        {
            foreach (var error in errors)
                ModelState.AddModelError("", texts[error]);
            return Page();
        }

        CreatedId = user.Id;
        Password = password;
        return Page();
    }

    private async Task LoadAsync()
    {
        Groups = await groups.ListAsync(HttpContext.RequestAborted);
        Departments = await departments.TreeAsync(HttpContext.RequestAborted);
    }
}
