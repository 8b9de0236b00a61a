using Gydex.Modules.Customers;

namespace Gydex.Modules.Sales;

/// <summary>
/// Counterparties and contacts as sales sees them: through the Customers module's public contract only, so
/// whatever the user may not see in the customer base can neither be linked nor named here.
/// </summary>
public sealed partial class SalesCustomers(CustomersDirectory directory)
{
    public const int PickerSize = 50;

    /// <summary>What a search-as-you-type picker returns at most: enough to choose from, little to send.</summary>
    public const int PickSize = 20;

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

    /// <summary>Counterparties for a search-as-you-type picker: at most <see cref="PickSize"/>, within the user's view scope.</summary>
    public async Task<IReadOnlyList<Choice>> PickCounterpartiesAsync(string? text, int take, CancellationToken cancellationToken) =>
        (await directory.SearchCounterpartiesAsync(Term(text), Math.Clamp(take, 1, PickSize), cancellationToken)).Select(c => new Choice(c.Id, Show(c))).ToList();

    public async Task<IReadOnlyList<Choice>> PickContactsAsync(string? text, int take, CancellationToken cancellationToken) =>
        (await directory.SearchContactsAsync(Term(text), null, Math.Clamp(take, 1, PickSize), cancellationToken)).Select(c => new Choice(c.Id, Show(c))).ToList();

    /// <summary>A counterparty as its picker shows it; null when the user may not see it.</summary>
    public async Task<Choice?> CounterpartyAsync(Guid id, CancellationToken cancellationToken) =>
        await directory.FindCounterpartyAsync(id, cancellationToken) is { } c ? new Choice(c.Id, Show(c)) : null;

    public async Task<Choice?> ContactAsync(Guid id, CancellationToken cancellationToken) =>
        await directory.FindContactAsync(id, cancellationToken) is { } c ? new Choice(c.Id, Show(c)) : null;

    private static string Show(CustomerRef c) => $"{c.Name} ({c.Code})";

    /// <summary>
    /// The text typed into a picker; a chosen item's own text ("Name (CP-000123)") is looked up by its code, so it finds
    /// exactly that record.
    /// </summary>
    private static string? Term(string? text)
    {
        var term = SalesText.Clean(text);
        if (term is { Length: > 200 })
            term = term[..200];
        if (term is not null && term.EndsWith(')') && term.LastIndexOf(" (", StringComparison.Ordinal) is var open and > 0
            && term[(open + 2)..^1] is var code && CodeShape().IsMatch(code))
            return code;
        return term;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{2,5}-[0-9]{1,12}$")]
    private static partial System.Text.RegularExpressions.Regex CodeShape();

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
