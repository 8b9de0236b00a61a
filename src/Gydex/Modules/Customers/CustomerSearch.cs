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

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken)
    {
        var matching = CustomerQueries.MatchCounterparty(await book.QueryAsync(Right, cancellationToken), term);
        var ordered = await SearchOrder.IsFewAsync(matching, cancellationToken)
            ? matching.OrderBy(c => c.Name + "").ThenBy(c => c.Number)
            : matching.OrderBy(c => c.Name).ThenBy(c => c.Number);
        return (await ordered.Take(take).Select(c => new { c.Id, c.Code, c.Name, c.Inn }).ToListAsync(cancellationToken))
            .Select(c => new SearchHit(Name, c.Code, c.Name, c.Inn is null ? null : "ИНН " + c.Inn, "/customers/counterparties/" + c.Id)).ToList();
    }
}

/// <summary>Contacts in the global search; one who withdrew consent is found by name only, and shown without personal data.</summary>
public sealed class ContactSearch(ContactBook book) : ISearchArea
{
    public string Name => "contacts";

    public LocalizedText Title { get; } = new("Контакты", "Contacts");

    public Right Right => CustomersRights.Contacts.View;

    public int Order => 110;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken)
    {
        var matching = CustomerQueries.MatchContact(await book.QueryAsync(Right, cancellationToken), term);
        var ordered = await SearchOrder.IsFewAsync(matching, cancellationToken)
            ? matching.OrderBy(c => c.Surname + "").ThenBy(c => c.Number)
            : matching.OrderBy(c => c.Surname).ThenBy(c => c.Number);
        return (await ordered.Take(take).ToListAsync(cancellationToken))
        .Select(book.Shown)
        .Select(c => new SearchHit(Name, c.Code, c.FullName, string.Join(", ", new[] { c.Position, c.Emails?.Split('\n')[0] }.Where(x => !string.IsNullOrEmpty(x))),
            "/customers/contacts/" + c.Id)).ToList();
    }
}

/// <summary>
/// How a search's hits are put in name order. PostgreSQL picks between walking the name index until enough
/// rows match and reading every match through the trigram index and sorting them, from a guess of how many match
/// and where: a guess that was off by twenty times cost 90 ms for "тех" among counterparties. So the matches are
/// counted first, up to a bound, through the trigram index; few are sorted (ordering by name + '' is what keeps
/// PostgreSQL off the name index), many are met soon enough along the name index.
/// </summary>
internal static class SearchOrder
{
    private const int Few = 20_000;

    public static async Task<bool> IsFewAsync<T>(IQueryable<T> matching, CancellationToken cancellationToken) =>
        await matching.Take(Few + 1).CountAsync(cancellationToken) <= Few;
}
