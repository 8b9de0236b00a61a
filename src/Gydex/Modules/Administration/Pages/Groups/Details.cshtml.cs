using Gydex.Modules.Administration.Pages;
using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages.Groups;

public sealed class DetailsModel(GroupAdministration groups, UserAdministration users, CurrentAccess access, IStringLocalizer<AdministrationTexts> texts) : AdminPageModel(texts)
{
    public Group Group { get; private set; } = null!;

    public List<UserRow> Users { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(Guid id) => ShowAsync(id, null);

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? name) =>
        await ShowAsync(id, await groups.RenameAsync(id, name ?? "", HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostMembersAsync(Guid id, List<Guid> userIds) =>
        await ShowAsync(id, await groups.SetMembersAsync(id, userIds, access.Has(AdministrationRights.Rights), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var result = await groups.DeleteAsync(id, HttpContext.RequestAborted);
        return result.Succeeded ? LocalRedirect(Url.Content("~/admin/groups")) : await ShowAsync(id, result);
    }

    private async Task<IActionResult> ShowAsync(Guid id, AdminResult? outcome)
    {
        var group = await groups.FindAsync(id, HttpContext.RequestAborted);
        if (group is null)
            return NotFound();
        Group = group;
        Users = await users.ListAsync(null, HttpContext.RequestAborted);
        if (outcome is not null)
            Report(outcome);

        return Page();
    }
}
