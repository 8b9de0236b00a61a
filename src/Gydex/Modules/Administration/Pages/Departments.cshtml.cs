using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages;

public sealed class DepartmentsModel(DepartmentAdministration departments, IStringLocalizer<AdministrationTexts> texts) : AdminPageModel(texts)
{
    public List<DepartmentNode> Tree { get; private set; } = [];

    public async Task OnGetAsync() => Tree = await departments.TreeAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync(string? name, Guid parentId) =>
        await ShowAsync(await departments.CreateAsync(name ?? "", parentId, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? name) =>
        await ShowAsync(await departments.RenameAsync(id, name ?? "", HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDeleteAsync(Guid id) =>
        await ShowAsync(await departments.DeleteAsync(id, HttpContext.RequestAborted));

    private async Task<IActionResult> ShowAsync(AdminResult outcome)
    {
        if (outcome.Error == "Not found.")
            return NotFound();
        Report(outcome);
        Tree = await departments.TreeAsync(HttpContext.RequestAborted);
        return Page();
    }
}
