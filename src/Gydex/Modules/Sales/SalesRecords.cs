using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Sales;

/// <summary>
/// The records a task or an activity may be about — a deal, a counterparty, a contact — by type and id, each
/// checked within what the user may see, so nothing can be linked (or named) that the user could not open.
/// </summary>
public sealed class SalesRecords(Deals deals, SalesCustomers customers)
{
    public async Task<bool> ExistsAsync(string type, Guid id, CancellationToken cancellationToken) => type switch
    {
        RecordTypes.Deal => await (await deals.ScopedAsync(SalesRights.DealsView, cancellationToken)).AnyAsync(d => d.Id == id, cancellationToken),
        RecordTypes.Counterparty => await customers.CounterpartyExistsAsync(id, cancellationToken),
        RecordTypes.Contact => await customers.ContactExistsAsync(id, cancellationToken),
        _ => false,
    };

    /// <summary>What people call the record (a deal's code, a counterparty's name), or null where the user may not see it.</summary>
    public async Task<string?> CodeAsync(string type, Guid id, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case RecordTypes.Deal:
                var deal = await (await deals.ScopedAsync(SalesRights.DealsView, cancellationToken)).AsNoTracking()
                    .Where(d => d.Id == id).Select(d => new { d.Number, d.Title }).SingleOrDefaultAsync(cancellationToken);
                return deal is null ? null : $"{DocumentCodes.Format(Deal.CodePrefix, deal.Number)} {deal.Title}";
            case RecordTypes.Counterparty:
                return (await customers.NamesAsync([id], [], cancellationToken)).GetValueOrDefault(id);
            case RecordTypes.Contact:
                return (await customers.NamesAsync([], [id], cancellationToken)).GetValueOrDefault(id);
            default:
                return null;
        }
    }

    /// <summary>The address of the record's page, relative to the organization.</summary>
    public static string? PathOf(string? type, Guid? id) => (type, id) switch
    {
        (RecordTypes.Deal, { } d) => $"/deals/{d}",
        (RecordTypes.Counterparty, { } c) => $"/customers/counterparties/{c}",
        (RecordTypes.Contact, { } c) => $"/customers/contacts/{c}",
        _ => null,
    };
}
