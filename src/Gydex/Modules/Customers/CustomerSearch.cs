using Gydex.Kernel.Access;
using Gydex.Kernel.Search;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>Counterparties in the global search: by name, code, INN, phone or e-mail, within the view scope.</summary>
public sealed class CounterpartySearch(CounterpartyBook book) : ISearchArea
{
    public string Name => "counterparties";

    public LocalizedText Title { get; } = new("Контрагенты", "Counterparties");

    public Right Right => CustomersRights.Counterparties.View;

    public int Order => 100;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken) =>
        (await CustomerQueries.MatchCounterparty(await book.QueryAsync(Right, cancellationToken), term)
            .OrderBy(c => c.Name).ThenBy(c => c.Number).Take(take)
            .Select(c => new { c.Id, c.Code, c.Name, c.Inn }).ToListAsync(cancellationToken))
        .Select(c => new SearchHit(Name, c.Code, c.Name, c.Inn is null ? null : "ИНН " + c.Inn, "/customers/counterparties/" + c.Id)).ToList();
}

/// <summary>Contacts in the global search; one who withdrew consent is found by name only, and shown without personal data.</summary>
public sealed class ContactSearch(ContactBook book) : ISearchArea
{
    public string Name => "contacts";

    public LocalizedText Title { get; } = new("Контакты", "Contacts");

    public Right Right => CustomersRights.Contacts.View;

    public int Order => 110;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken) =>
        (await CustomerQueries.MatchContact(await book.QueryAsync(Right, cancellationToken), term)
            .OrderBy(c => c.Surname).ThenBy(c => c.Number).Take(take).ToListAsync(cancellationToken))
        .Select(book.Shown)
        .Select(c => new SearchHit(Name, c.Code, c.FullName, string.Join(", ", new[] { c.Position, c.Emails?.Split('\n')[0] }.Where(x => !string.IsNullOrEmpty(x))),
            "/customers/contacts/" + c.Id)).ToList();
}
