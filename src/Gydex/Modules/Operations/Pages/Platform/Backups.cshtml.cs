using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations.Pages.Platform;

/// <summary>
/// <c>/platform/operations/{slug}</c>: an organization's backups with their verification, and restoring one —
/// into the organization itself (confirmed; its current state is backed up first), a new organization or the test copy.
/// </summary>
public sealed class BackupsModel(CatalogDbContext catalog, Backups backups, OperationsRunner runner) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public List<BackupRecord> List { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await ProductionAsync(slug) is not { } org)
            return NotFound();
        Organization = org;
        List = await backups.ListAsync(org.Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string slug, string id, string target, string? into, bool confirm)
    {
        if (await ProductionAsync(slug) is not { } org)
            return NotFound();
        if (!BackupArea.IsBackupId(id) || await backups.FindAsync(org.Id, id, HttpContext.RequestAborted) is not { IsUsable: true })
            return NotFound();
        string? destination = target switch
        {
            "self" => null,
            "test" => Restores.TestCopySlug(org),
            _ => into?.Trim() ?? "",
        };
        if (target == "self" && !confirm)
        {
            Message = "Tick the confirmation to replace the organization's data.";
            return RedirectToPage(new { slug });
        }

        if (target == "new" && OrgSlug.Validate(destination) is not null)
        {
            Message = "The new organization's address is not valid.";
            return RedirectToPage(new { slug });
        }

        var actor = "operator " + (User.FindFirst(GydexClaims.DisplayName)?.Value ?? User.Identity?.Name);
        _ = runner.Start($"Restoring {id} of {org.Slug}", async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<Restores>().RestoreAsync(org, id, destination, actor, ct);
            if (!result.Succeeded)
                throw new BackupException(result.Problem!);
        });
        Message = "The restore has started.";
        return RedirectToPage(new { slug });
    }

    private Task<Organization?> ProductionAsync(string slug) =>
        catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug && o.TestCopyOfId == null && o.Status != OrganizationStatus.Provisioning, HttpContext.RequestAborted);
}
