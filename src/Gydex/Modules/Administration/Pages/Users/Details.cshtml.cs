using Gydex.Modules.Administration.Pages;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages.Users;

/// <summary>One user: account, groups, and the effective rights with where each comes from.</summary>
public sealed class DetailsModel(
    UserAdministration users,
    GroupAdministration groups,
    DepartmentAdministration departments,
    AccessService access,
    RightCatalog catalog,
    CurrentAccess currentAccess,
    FieldRights fieldRights,
    OrgDbContext db,
    IStringLocalizer<AdministrationTexts> texts) : AdminPageModel(texts)
{
    public new GydexUser User { get; private set; } = null!;

    public List<Group> Groups { get; private set; } = [];

    public List<DepartmentNode> Departments { get; private set; } = [];

    public IReadOnlyList<RightExplanation> Rights { get; private set; } = [];

    public Dictionary<string, UserGrant> Individual { get; private set; } = [];

    public string? NewPassword { get; private set; }

    /// <summary>A right's title in the reader's language, from its code.</summary>
    public string TitleOf(string code) => catalog.Find(code)?.Title.Current ?? code;

    public Task<IActionResult> OnGetAsync(Guid id) => ShowAsync(id, null);

    public async Task<IActionResult> OnPostSaveAsync(Guid id, string? displayName, string? email, Guid? departmentId)
    {
        var user = await users.FindAsync(id, HttpContext.RequestAborted);
        if (user is null)
            return NotFound();
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > GydexUser.DisplayNameMaxLength)
            return await ShowAsync(id, AdminResult.Refused("The name is required and must be at most 200 characters long."));
        // Without the right over departments the department stays as it is, whatever was submitted.
        var department = await fieldRights.ApplyAsync(AdministrationRights.UserDepartment, departmentId ?? user.DepartmentId, user.DepartmentId, HttpContext.RequestAborted);
        return await ShowAsync(id, await users.UpdateAsync(id, displayName, email, department ?? Guid.Empty, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id) =>
        await ShowAsync(id, await users.SetDisabledAsync(id, true, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostEnableAsync(Guid id) =>
        await ShowAsync(id, await users.SetDisabledAsync(id, false, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id)
    {
        var (result, password) = await users.ResetPasswordAsync(id, HttpContext.RequestAborted);
        NewPassword = password;
        return await ShowAsync(id, result);
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id) =>
        await ShowAsync(id, await users.ResetTwoFactorAsync(id, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostGroupsAsync(Guid id, List<Guid> groupIds) =>
        await ShowAsync(id, await users.FindAsync(id, HttpContext.RequestAborted) is null
            ? null
            : await users.SetGroupsAsync(id, groupIds, currentAccess.Has(AdministrationRights.Rights), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostIndividualAsync(Guid id, string? right, IndividualGrantMode mode, RightScope? scope)
    {
        var declared = right is null ? null : catalog.Find(right);
        if (declared is null)
            return BadRequest();
        return await ShowAsync(id, await users.SetIndividualAsync(id, declared, mode, scope, HttpContext.RequestAborted));
    }

    private async Task<IActionResult> ShowAsync(Guid id, AdminResult? outcome)
    {
        // An id of another organization, of no one, or outside the viewer's scope is simply not found here.
        var user = await users.FindAsync(id, await currentAccess.DataScopeAsync(AdministrationRights.ViewUsers, HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (user is null)
            return NotFound();
        User = user;
        Groups = await groups.ListAsync(HttpContext.RequestAborted);
        Departments = await departments.TreeAsync(HttpContext.RequestAborted);
        Rights = await access.ExplainAsync(id, HttpContext.RequestAborted);
        Individual = await db.Set<UserGrant>().AsNoTracking().Where(g => g.UserId == id).ToDictionaryAsync(g => g.RightCode, HttpContext.RequestAborted);
        if (outcome is not null)
            Report(outcome);

        return Page();
    }
}
