using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages;

/// <summary>Groups × rights, grouped by module, saved in one go with a summary of what changed.</summary>
public sealed class RightsModel(GroupAdministration groups, RightCatalog catalog, IStringLocalizer<AdministrationTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Module { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<Group> Groups { get; private set; } = [];

    public IEnumerable<string> Modules => catalog.Modules;

    public List<Right> Shown { get; private set; } = [];

    public IReadOnlyList<MatrixChange>? Changes { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        // Only the rows on screen were submitted; rows filtered out keep what they had.
        var shownCodes = Shown.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var submitted = Request.Form["cell"].Select(v => (v ?? "").Split('|')).Where(p => p.Length == 2 && Guid.TryParse(p[0], out _))
            .Select(p => (GroupId: Guid.Parse(p[0]), Code: p[1])).ToHashSet();
        var cells = new List<MatrixCell>();
        foreach (var group in Groups.Where(g => g.Stereotype != GroupStereotype.Administrators))
        {
            foreach (var right in catalog.Rights)
            {
                var granted = shownCodes.Contains(right.Code)
                    ? submitted.Contains((group.Id, right.Code))
                    : group.Grants.Any(g => g.RightCode == right.Code);
                var scope = shownCodes.Contains(right.Code)
                    ? Enum.TryParse<RightScope>(Request.Form[$"scope-{group.Id}|{right.Code}"], out var s) ? s : (RightScope?)null
                    : group.Grants.FirstOrDefault(g => g.RightCode == right.Code)?.Scope;
                cells.Add(new MatrixCell(group.Id, right.Code, granted, scope));
            }
        }

        var (result, changes) = await groups.SaveMatrixAsync(cells, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Error = texts[result.Error!];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            Changes = changes;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Groups = await groups.ListAsync(HttpContext.RequestAborted);
        var text = Q?.Trim();
        Shown = catalog.Rights
            .Where(r => string.IsNullOrEmpty(Module) || r.Module == Module)
            .Where(r => string.IsNullOrEmpty(text)
                || r.Code.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.Title.Ru.Contains(text, StringComparison.CurrentCultureIgnoreCase)
                || r.Title.En.Contains(text, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
