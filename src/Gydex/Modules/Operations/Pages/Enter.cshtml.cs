using System.Security.Claims;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Modules.Operations.Pages;

/// <summary>
/// <c>/{org}-test/support/enter?ticket=…</c>: a console ticket becomes the employee's session in the test copy,
/// with the operator beside. The ticket is the credential; anywhere but the right test copy it is a 404.
/// </summary>
[AllowAnonymous]
public sealed class EnterModel(SupportEntry support, CurrentOrganization organization, SignInManager<GydexUser> signIn, Journal journal, JournalActor actor) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? ticket)
    {
        var visit = await support.RedeemAsync(ticket, organization.Required, HttpContext.RequestAborted);
        if (visit is null)
            return NotFound();
        var user = await signIn.UserManager.FindByIdAsync(visit.EmployeeId.ToString());
        if (user is null || !await signIn.CanSignInAsync(user))
            return NotFound();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(
        [
            new Claim(GydexClaims.ActingOperator, visit.OperatorId.ToString()),
            new Claim(GydexClaims.ActingOperatorName, visit.OperatorName),
        ]);
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        actor.ActAs(visit.EmployeeId, visit.EmployeeName);
        actor.ActingOperator(visit.OperatorId, visit.OperatorName);
        await journal.RecordAsync(new JournalEntry(OperationsJournal.SupportEntered)
        {
            AffectedUserId = visit.EmployeeId,
            AffectedUserName = visit.EmployeeName,
            DocumentType = "support-visit",
            DocumentId = visit.Id.ToString(),
            Comment = $"Operator {visit.OperatorName} entered as {visit.EmployeeName}.",
        }, HttpContext.RequestAborted);
        return LocalRedirect(Url.Content("~/"));
    }
}
