using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Modules.Operations.Pages;

/// <summary>
/// <c>/{org}/admin/support</c>: whether support needs an administrator's approval to enter the test copy, the
/// visits asked for and made, and approving one.
/// </summary>
public sealed class SupportModel(SupportEntry support, CurrentOrganization organization, Journal journal, JournalActor actor) : PageModel
{
    public List<SupportVisit> Visits { get; private set; } = [];

    public bool NeedsApproval { get; private set; }

    public bool IsTestCopy { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var org = organization.Required;
        IsTestCopy = org.IsTestCopy;
        NeedsApproval = org.SupportNeedsApproval;
        Visits = await support.VisitsAsync(org.TestCopyOfId ?? org.Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(bool needsApproval)
    {
        if (organization.Required.IsTestCopy)
            return NotFound();
        await support.SetApprovalRequiredAsync(organization.Required, needsApproval, journal, HttpContext.RequestAborted);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        if (organization.Required.IsTestCopy)
            return NotFound();
        // A visit already approved (a second click) or of another organization changes nothing.
        await support.ApproveAsync(organization.Required, id, actor.UserName ?? "?", journal, HttpContext.RequestAborted);
        return RedirectToPage();
    }
}
