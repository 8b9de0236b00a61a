using System.ComponentModel.DataAnnotations;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages.Users;

public sealed class NewModel(
    UserAdministration users,
    GroupAdministration groups,
    DepartmentAdministration departments,
    CurrentAccess access,
    FieldRights fieldRights,
    IStringLocalizer<AdministrationTexts> texts) : PageModel
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
        // Groups and department are fields with rights of their own: without them the new user gets none and the root.
        var ct = HttpContext.RequestAborted;
        var groupIds = Input.GroupIds.Count == 0 ? [] : await fieldRights.ApplyAsync(AdministrationRights.UserGroups, Input.GroupIds, [], ct);
        var department = await fieldRights.ApplyAsync(AdministrationRights.UserDepartment, Input.DepartmentId, null, ct);
        var (user, password, errors) = await users.CreateAsync(Input.Login.Trim(), Input.DisplayName, Input.Email, department, groupIds,
            access.Has(AdministrationRights.Rights), ct);
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
