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
        var found = await SearchOrder.FirstAsync(await book.QueryAsync(Right, cancellationToken),
            q => CustomerQueries.MatchCounterparty(q, term),
            q => q.OrderBy(c => c.Name).ThenBy(c => c.Number),
            q => q.OrderBy(c => c.Name + "").ThenBy(c => c.Number),
            take, cancellationToken);
        return found
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

    /// <summary>
    /// Contacts whose surname begins with the term come first — typing "сми" is looking for the Smirnovs — then the
    /// other matches, each part in name order. The first part is a range of the surname index, so the commonest
    /// surnames answer at once; a surname written otherwise than capitalized is still found, among the others.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        var scope = await book.QueryAsync(Right, cancellationToken);
        var found = new List<Contact>();
        if (SurnamePrefix.Of(term) is var (from, to))
        {
            // Compared by the database, in its collation: these are SQL's >= and <, not .NET's culture comparison.
#pragma warning disable CA1309
            found = await scope.Where(c => string.Compare(c.Surname, from) >= 0 && string.Compare(c.Surname, to) < 0)
#pragma warning restore CA1309
                .OrderBy(c => c.Surname).ThenBy(c => c.Number).Take(take).ToListAsync(cancellationToken);
        }

        if (found.Count < take)
        {
            var others = await SearchOrder.FirstAsync(scope,
                q => CustomerQueries.MatchContact(q, term),
                q => q.OrderBy(c => c.Surname).ThenBy(c => c.Number),
                q => q.OrderBy(c => c.Surname + "").ThenBy(c => c.Number),
                take, cancellationToken);
            var first = found.Select(c => c.Id).ToHashSet();
            found.AddRange(others.Where(c => !first.Contains(c.Id)).Take(take - found.Count));
        }

        return found
        .Select(book.Shown)
        .Select(c => new SearchHit(Name, c.Code, c.FullName, string.Join(", ", new[] { c.Position, c.Emails?.Split('\n')[0] }.Where(x => !string.IsNullOrEmpty(x))),
            "/customers/contacts/" + c.Id)).ToList();
    }
}

/// <summary>The surnames a one-word term begins, capitalized as surnames are written: "сми" → ["Сми", "Смй").</summary>
internal static class SurnamePrefix
{
    public static (string From, string To)? Of(string term)
    {
        var word = term.Trim();
        if (word.Length == 0 || !word.All(char.IsLetter))
            return null;
        var from = char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant();
        return (from, from[..^1] + (char)(from[^1] + 1));
    }
}

/// <summary>
/// How a search's first hits in name order are found. Neither of PostgreSQL's two ways serves every term: walking the
/// name index until enough rows match is quick when matches are common early in the alphabet ("ива": names and
/// patronymics everywhere) and endless when they are rare; reading every match through the trigram index and sorting
/// them is quick for a few and slow for tens of thousands. Counting the matches first to choose cost as much as the
/// slow way itself. So the name index is walked a bounded stretch — the first rows of the scope in name order, and
/// the matches among them are exactly the first matches overall — and only when that stretch holds too few are all
/// the matches sorted, which then are seldom many.
/// </summary>
internal static class SearchOrder
{
    private const int Stretch = 2_000;

    /// <param name="inIndexOrder">the order of the name index</param>
    /// <param name="sorted">the same order written so that no index serves it (<c>Name + ""</c>), which keeps PostgreSQL on the trigram index</param>
    public static async Task<List<T>> FirstAsync<T>(IQueryable<T> scope, Func<IQueryable<T>, IQueryable<T>> match,
        Func<IQueryable<T>, IQueryable<T>> inIndexOrder, Func<IQueryable<T>, IQueryable<T>> sorted, int take, CancellationToken cancellationToken)
    {
        var early = await inIndexOrder(match(inIndexOrder(scope).Take(Stretch))).Take(take).ToListAsync(cancellationToken);
        return early.Count >= take ? early : await sorted(match(scope)).Take(take).ToListAsync(cancellationToken);
    }
}
