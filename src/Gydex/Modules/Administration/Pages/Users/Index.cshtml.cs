using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Modules.Administration.Pages.Users;

public sealed class IndexModel(UserAdministration administration, CurrentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync() =>
        Users = await administration.ListAsync(Q?.Length > 200 ? Q[..200] : Q,
            await access.DataScopeAsync(AdministrationRights.ViewUsers, HttpContext.RequestAborted), HttpContext.RequestAborted);
}
