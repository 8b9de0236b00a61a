using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Administration.Pages.Groups;

public sealed class IndexModel(GroupAdministration groups, IStringLocalizer<AdministrationTexts> texts) : PageModel
{
    public List<Group> Groups { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync() => Groups = await groups.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(string? name)
    {
        var (created, result) = await groups.CreateAsync(name ?? "", HttpContext.RequestAborted);
        if (created is not null)
            return LocalRedirect(Url.Content($"~/admin/groups/{created.Id}"));
        Error = texts[result.Error!];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Groups = await groups.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
