namespace Gydex.Modules.Sales;

/// <summary>
/// Counterparties and contacts as sales sees them: through the Customers module's public contract only.
/// </summary>
public sealed class SalesCustomers
{
    public Task<bool> CounterpartyExistsAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> ContactExistsAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(false);

    public sealed record Choice(Guid Id, string Name);

    /// <summary>Counterparties for a picker: those the user may see matching the text.</summary>
    public Task<IReadOnlyList<Choice>> CounterpartiesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Choice>>([]);

    public Task<IReadOnlyList<Choice>> ContactsAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Choice>>([]);

    /// <summary>Names of the counterparties and contacts the user may see, by id.</summary>
    public Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid?> counterparties, IEnumerable<Guid?> contacts, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(new Dictionary<Guid, string>());
}
