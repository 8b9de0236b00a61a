using System.Security.Claims;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations.Pages.Platform;

/// <summary>
/// <c>/platform/operations</c>: each organization's last backup, last verification and test copy's age, with
/// backup now, refresh test copy and enter as an employee; a banner for every failed verification.
/// </summary>
public sealed class OperationsModel(CatalogDbContext catalog, SupportEntry support, OperationsRunner runner, TimeProvider clock) : PageModel
{
    public sealed record Row(Organization Organization, BackupRecord? LastBackup, BackupRecord? LastVerified, Organization? TestCopy);

    public List<Row> Rows { get; private set; } = [];

    public List<(Organization Org, BackupRecord Backup)> Failures { get; private set; } = [];

    public List<SupportVisit> MyVisits { get; private set; } = [];

    public bool Running { get; private set; }

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        var orgs = await catalog.Organizations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(HttpContext.RequestAborted);
        var records = await catalog.Set<BackupRecord>().AsNoTracking().Where(b => b.OrganizationId != null)
            .OrderByDescending(b => b.TakenAt).ToListAsync(HttpContext.RequestAborted);
        foreach (var org in orgs.Where(o => !o.IsTestCopy))
        {
            var mine = records.Where(b => b.OrganizationId == org.Id).ToList();
            var verified = mine.FirstOrDefault(b => b.Verification != VerificationOutcome.Pending || b.Status == BackupStatus.Failed);
            Rows.Add(new Row(org, mine.FirstOrDefault(), verified, orgs.FirstOrDefault(o => o.TestCopyOfId == org.Id)));
            if (verified is not null && !verified.IsUsable)
                Failures.Add((org, verified));
        }

        // The page refreshes itself while something runs: started here and not yet in the catalog, a backup, a
        // restore, a test copy being created.
        Running = runner.Busy || records.Any(b => b.Status == BackupStatus.Running && b.TakenAt > Now.AddHours(-6))
            || orgs.Any(o => o.Status == OrganizationStatus.Restoring || (o.IsTestCopy && o.Status == OrganizationStatus.Provisioning && o.CreatedAt > Now.AddHours(-6)));
        var operatorId = OperatorId;
        MyVisits = await catalog.Set<SupportVisit>().AsNoTracking()
            .Where(v => v.OperatorId == operatorId && v.State != SupportVisitState.Entered)
            .OrderByDescending(v => v.RequestedAt).Take(20).ToListAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostBackupAsync(string slug)
    {
        var org = await ProductionAsync(slug);
        if (org is null)
            return NotFound();
        _ = runner.Start($"Backup of {org.Slug}", (sp, ct) => sp.GetRequiredService<Backups>().CreateAsync(org, BackupTrigger.Manual, ct));
        Message = "The backup has started; its progress is shown below.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRefreshAsync(string slug, bool fromLive)
    {
        var org = await ProductionAsync(slug);
        if (org is null)
            return NotFound();
        var name = "operator " + OperatorName;
        _ = runner.Start($"Refreshing the test copy of {org.Slug}", (sp, ct) => sp.GetRequiredService<Restores>().RefreshTestCopyAsync(org, fromLive, name, ct));
        Message = "The test copy is being refreshed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnterAsync(string slug, string login)
    {
        var (visit, problem) = await support.RequestAsync(OperatorId, OperatorName, slug ?? "", login ?? "", HttpContext.RequestAborted);
        if (visit is null)
        {
            Message = problem;
            return RedirectToPage();
        }

        return await EnterOrWaitAsync(visit);
    }

    public async Task<IActionResult> OnPostVisitAsync(Guid id)
    {
        var visit = await support.FindAsync(id, HttpContext.RequestAborted);
        if (visit is null || visit.OperatorId != OperatorId)
            return NotFound();
        return await EnterOrWaitAsync(visit);
    }

    private async Task<IActionResult> EnterOrWaitAsync(SupportVisit visit)
    {
        var address = await support.EntryAddressAsync(visit, HttpContext.RequestAborted);
        if (address is null)
        {
            Message = "The organization requires an administrator's approval: the visit waits for it.";
            return RedirectToPage();
        }

        return Redirect(address);
    }

    private Task<Organization?> ProductionAsync(string slug) =>
        catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug && o.TestCopyOfId == null && o.Status != OrganizationStatus.Provisioning, HttpContext.RequestAborted);

    private Guid OperatorId => Guid.Parse(User.FindFirstValue(GydexClaims.Operator)!);

    private string OperatorName => User.FindFirstValue(GydexClaims.DisplayName) ?? User.Identity?.Name ?? "?";
}
