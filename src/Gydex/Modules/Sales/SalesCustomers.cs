using Gydex.Modules.Customers;

namespace Gydex.Modules.Sales;

/// <summary>
/// Counterparties and contacts as sales sees them: through the Customers module's public contract only, so
/// whatever the user may not see in the customer base can neither be linked nor named here.
/// </summary>
public sealed class SalesCustomers(CustomersDirectory directory)
{
    public const int PickerSize = 50;

    public sealed record Choice(Guid Id, string Name);

    public async Task<bool> CounterpartyExistsAsync(Guid id, CancellationToken cancellationToken) =>
        await directory.FindCounterpartyAsync(id, cancellationToken) is not null;

    public async Task<bool> ContactExistsAsync(Guid id, CancellationToken cancellationToken) =>
        await directory.FindContactAsync(id, cancellationToken) is not null;

    /// <summary>Counterparties for a picker: those the user may see matching the text.</summary>
    public async Task<IReadOnlyList<Choice>> CounterpartiesAsync(string? text, CancellationToken cancellationToken) =>
        (await directory.SearchCounterpartiesAsync(text, PickerSize, cancellationToken)).Select(c => new Choice(c.Id, $"{c.Name} ({c.Code})")).ToList();

    public async Task<IReadOnlyList<Choice>> ContactsAsync(string? text, CancellationToken cancellationToken) =>
        (await directory.SearchContactsAsync(text, null, PickerSize, cancellationToken)).Select(c => new Choice(c.Id, $"{c.Name} ({c.Code})")).ToList();

    /// <summary>Names of the counterparties and contacts the user may see, by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid?> counterparties, IEnumerable<Guid?> contacts, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        var cp = counterparties.OfType<Guid>().Distinct().ToList();
        if (cp.Count > 0)
        {
            foreach (var (id, r) in await directory.CounterpartiesAsync(cp, cancellationToken))
                names[id] = r.Name;
        }

        var ct = contacts.OfType<Guid>().Distinct().ToList();
        if (ct.Count > 0)
        {
            foreach (var (id, r) in await directory.ContactsAsync(ct, cancellationToken))
                names[id] = r.Name;
        }

        return names;
    }
}
