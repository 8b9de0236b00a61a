using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations;

/// <summary>
/// Support entering a test copy as an employee: the operator asks in the console (an administrator approves where
/// the organization requires it), gets a one-time ticket valid for two minutes, and the test copy turns it into
/// that employee's session with the operator recorded beside. Production is never entered this way: tickets are
/// redeemed only by a test copy, and a session carrying an operator is refused by any other organization.
/// </summary>
public sealed class SupportEntry(
    CatalogDbContext catalog, OrgScopes scopes, OrganizationDirectory directory, IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan TicketLife = TimeSpan.FromMinutes(2);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Gydex.SupportEntry").ToTimeLimitedDataProtector();

    /// <summary>Asks to enter <paramref name="slug"/>'s test copy as the employee <paramref name="login"/>; the visit, or why not.</summary>
    public async Task<(SupportVisit? Visit, string? Problem)> RequestAsync(Guid operatorId, string operatorName, string slug, string login, CancellationToken cancellationToken)
    {
        var org = await catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug && o.TestCopyOfId == null, cancellationToken);
        if (org is null)
            return (null, "There is no such organization.");
        var testCopy = await catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.TestCopyOfId == org.Id, cancellationToken);
        if (testCopy is null || testCopy.Status != OrganizationStatus.Active)
            return (null, "The organization has no test copy yet: refresh it first.");
        await using var scope = scopes.CreateScope(testCopy);
        var employee = await scope.ServiceProvider.GetRequiredService<OrgDbContext>().Users.AsNoTracking()
            .SingleOrDefaultAsync(u => u.UserName == login, cancellationToken);
        if (employee is null)
            return (null, "The test copy has no employee with this login.");
        var visit = new SupportVisit
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            OperatorId = operatorId,
            OperatorName = operatorName,
            EmployeeId = employee.Id,
            EmployeeName = employee.DisplayName == employee.UserName ? employee.UserName! : $"{employee.DisplayName} ({employee.UserName})",
            State = org.SupportNeedsApproval ? SupportVisitState.AwaitingApproval : SupportVisitState.Approved,
            RequestedAt = clock.GetUtcNow(),
        };
        catalog.Add(visit);
        await catalog.SaveChangesAsync(cancellationToken);
        return (visit, null);
    }

    public Task<SupportVisit?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        catalog.Set<SupportVisit>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);

    public Task<List<SupportVisit>> VisitsAsync(Guid organizationId, CancellationToken cancellationToken) =>
        catalog.Set<SupportVisit>().AsNoTracking().Where(v => v.OrganizationId == organizationId)
            .OrderByDescending(v => v.RequestedAt).Take(50).ToListAsync(cancellationToken);

    /// <summary>The address that enters the test copy as the visit's employee; null until the visit is approved.</summary>
    public async Task<string?> EntryAddressAsync(SupportVisit visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (visit.State != SupportVisitState.Approved)
            return null;
        var testCopy = await catalog.Organizations.AsNoTracking().SingleAsync(o => o.TestCopyOfId == visit.OrganizationId, cancellationToken);
        var ticket = Protector.Protect(visit.Id.ToString("N"), clock.GetUtcNow() + TicketLife);
        return $"/{testCopy.Slug}/support/enter?ticket={Uri.EscapeDataString(ticket)}";
    }

    /// <summary>
    /// Redeems a ticket in <paramref name="current"/>: only a test copy, only the copy of the visit's organization,
    /// only an approved visit not entered yet, only within the ticket's life. Records the entry in the production
    /// organization's journal, so its administrators see it.
    /// </summary>
    public async Task<SupportVisit?> RedeemAsync(string? ticket, Organization current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.IsTestCopy || string.IsNullOrEmpty(ticket) || ticket.Length > 2000)
            return null;
        Guid id;
        try
        {
            if (!Guid.TryParseExact(Protector.Unprotect(ticket, out var expires), "N", out id) || expires < clock.GetUtcNow())
                return null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        // Entered once: the state moves from Approved to Entered in one statement, so a second use finds nothing to move.
        var moved = await catalog.Set<SupportVisit>()
            .Where(v => v.Id == id && v.OrganizationId == current.TestCopyOfId && v.State == SupportVisitState.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.State, SupportVisitState.Entered).SetProperty(v => v.EnteredAt, now), cancellationToken);
        if (moved != 1)
            return null;
        var visit = await catalog.Set<SupportVisit>().AsNoTracking().SingleAsync(v => v.Id == id, cancellationToken);
        var production = await catalog.Organizations.AsNoTracking().SingleAsync(o => o.Id == visit.OrganizationId, cancellationToken);
        await using var scope = scopes.CreateScope(production);
        var actor = scope.ServiceProvider.GetRequiredService<JournalActor>();
        actor.ActAs(visit.EmployeeId, visit.EmployeeName);
        actor.ActingOperator(visit.OperatorId, visit.OperatorName);
        await scope.ServiceProvider.GetRequiredService<Journal>().RecordAsync(new JournalEntry(OperationsJournal.SupportEntered)
        {
            AffectedUserId = visit.EmployeeId,
            AffectedUserName = visit.EmployeeName,
            DocumentType = "support-visit",
            DocumentId = visit.Id.ToString(),
            Comment = $"Operator {visit.OperatorName} entered the test copy /{current.Slug} as {visit.EmployeeName}; what was done there is in the test copy's journal.",
        }, cancellationToken);
        return visit;
    }

    /// <summary>An administrator of the organization approves a visit awaiting approval; recorded in its journal.</summary>
    public async Task<bool> ApproveAsync(Organization organization, Guid visitId, string approvedBy, Journal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(journal);
        var visit = await catalog.Set<SupportVisit>()
            .SingleOrDefaultAsync(v => v.Id == visitId && v.OrganizationId == organization.Id && v.State == SupportVisitState.AwaitingApproval, cancellationToken);
        if (visit is null)
            return false;
        visit.State = SupportVisitState.Approved;
        visit.ApprovedBy = approvedBy;
        visit.ApprovedAt = clock.GetUtcNow();
        await catalog.SaveChangesAsync(cancellationToken);
        await journal.RecordAsync(new JournalEntry(OperationsJournal.SupportApproved)
        {
            AffectedUserId = visit.EmployeeId,
            AffectedUserName = visit.EmployeeName,
            DocumentType = "support-visit",
            DocumentId = visit.Id.ToString(),
            Comment = $"Operator {visit.OperatorName} may enter the test copy as {visit.EmployeeName}.",
        }, cancellationToken);
        return true;
    }

    /// <summary>Whether support needs an administrator's approval before entering; recorded in the organization's journal.</summary>
    public async Task SetApprovalRequiredAsync(Organization organization, bool required, Journal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(journal);
        var row = await catalog.Organizations.SingleAsync(o => o.Id == organization.Id, cancellationToken);
        if (row.SupportNeedsApproval == required)
            return;
        row.SupportNeedsApproval = required;
        await catalog.SaveChangesAsync(cancellationToken);
        directory.Forget(row.Slug);
        await journal.RecordAsync(new JournalEntry(OperationsJournal.SupportSettingChanged)
        {
            Changes = [new FieldChange("SupportNeedsApproval", (!required).ToString(), required.ToString())],
        }, cancellationToken);
    }
}
