using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>A counterparty or contact as other modules see it: enough to show it and link to it.</summary>
public sealed record CustomerRef(Guid Id, string Code, string Name)
{
    /// <summary>The page of the record, relative to the organization (<c>~/customers/…</c>).</summary>
    public string Url { get; init; } = "";
}

/// <summary>
/// The customer base's public contract for other modules (Sales, Finance…): look a counterparty or contact up by id
/// and search them for pickers, always within the current user's view right and data scope — what the user may not
/// see is not found. Other modules use this, never the tables.
/// </summary>
public sealed class CustomersDirectory(OrgDbContext db, CurrentAccess access)
{
    public const int MaxTake = 50;

    public async Task<CustomerRef?> FindCounterpartyAsync(Guid id, CancellationToken cancellationToken)
    {
        var c = await (await CounterpartiesAsync(cancellationToken)).Where(c => c.Id == id)
            .Select(c => new { c.Id, c.Code, c.Name }).FirstOrDefaultAsync(cancellationToken);
        return c is null ? null : new CustomerRef(c.Id, c.Code, c.Name) { Url = "/customers/counterparties/" + c.Id };
    }

    /// <summary>Several counterparties at once (a list of deals shows their names); those out of scope are absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, CustomerRef>> CounterpartiesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new Dictionary<Guid, CustomerRef>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var c in await (await CounterpartiesAsync(cancellationToken)).Where(c => chunk.Contains(c.Id))
                         .Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
                result[c.Id] = new CustomerRef(c.Id, c.Code, c.Name) { Url = "/customers/counterparties/" + c.Id };
        }

        return result;
    }

    public async Task<CustomerRef?> FindContactAsync(Guid id, CancellationToken cancellationToken)
    {
        var c = await (await ContactsAsync(cancellationToken)).Where(c => c.Id == id)
            .Select(c => new { c.Id, c.Code, c.Surname, c.Name, c.Patronymic }).FirstOrDefaultAsync(cancellationToken);
        return c is null ? null : new CustomerRef(c.Id, c.Code, Join(c.Surname, c.Name, c.Patronymic)) { Url = "/customers/contacts/" + c.Id };
    }

    public async Task<IReadOnlyDictionary<Guid, CustomerRef>> ContactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new Dictionary<Guid, CustomerRef>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var c in await (await ContactsAsync(cancellationToken)).Where(c => chunk.Contains(c.Id))
                         .Select(c => new { c.Id, c.Code, c.Surname, c.Name, c.Patronymic }).ToListAsync(cancellationToken))
                result[c.Id] = new CustomerRef(c.Id, c.Code, Join(c.Surname, c.Name, c.Patronymic)) { Url = "/customers/contacts/" + c.Id };
        }

        return result;
    }

    /// <summary>Counterparties whose name, code or INN contains <paramref name="term"/>, by name; for a picker.</summary>
    public async Task<IReadOnlyList<CustomerRef>> SearchCounterpartiesAsync(string? term, int take, CancellationToken cancellationToken)
    {
        var query = await CounterpartiesAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(term))
            query = CustomerQueries.MatchCounterparty(query, term.Trim());
        return (await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(Math.Clamp(take, 1, MaxTake))
                .Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new CustomerRef(c.Id, c.Code, c.Name) { Url = "/customers/counterparties/" + c.Id }).ToList();
    }

    /// <summary>Contacts matching <paramref name="term"/>, optionally only those working for <paramref name="counterpartyId"/>.</summary>
    public async Task<IReadOnlyList<CustomerRef>> SearchContactsAsync(string? term, Guid? counterpartyId, int take, CancellationToken cancellationToken)
    {
        var query = await ContactsAsync(cancellationToken);
        if (counterpartyId is { } cp)
            query = query.Where(c => db.Set<ContactLink>().Any(l => l.ContactId == c.Id && l.CounterpartyId == cp));
        if (!string.IsNullOrWhiteSpace(term))
            query = CustomerQueries.MatchContact(query, term.Trim());
        return (await query.OrderBy(c => c.Surname).ThenBy(c => c.Id).Take(Math.Clamp(take, 1, MaxTake))
                .Select(c => new { c.Id, c.Code, c.Surname, c.Name, c.Patronymic }).ToListAsync(cancellationToken))
            .Select(c => new CustomerRef(c.Id, c.Code, Join(c.Surname, c.Name, c.Patronymic)) { Url = "/customers/contacts/" + c.Id }).ToList();
    }

    /// <summary>The contacts working for a counterparty (within the user's scope of contacts).</summary>
    public Task<IReadOnlyList<CustomerRef>> ContactsOfAsync(Guid counterpartyId, CancellationToken cancellationToken) =>
        SearchContactsAsync(null, counterpartyId, MaxTake, cancellationToken);

    private async Task<IQueryable<Counterparty>> CounterpartiesAsync(CancellationToken cancellationToken) =>
        CustomerQueries.Counterparties(db, access.Has(CustomersRights.Counterparties.View)
            ? await access.DataScopeAsync(CustomersRights.Counterparties.View, cancellationToken) : null);

    private async Task<IQueryable<Contact>> ContactsAsync(CancellationToken cancellationToken) =>
        CustomerQueries.Contacts(db, access.Has(CustomersRights.Contacts.View)
            ? await access.DataScopeAsync(CustomersRights.Contacts.View, cancellationToken) : null);

    private static string Join(string surname, string? name, string? patronymic) =>
        string.Join(' ', new[] { surname, name, patronymic }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>The scoped queries every entry point (pages, API, search, export, the directory) starts from.</summary>
public static class CustomerQueries
{
    /// <summary>The counterparties within <paramref name="scope"/>; none without one (the right is not held).</summary>
    public static IQueryable<Counterparty> Counterparties(OrgDbContext db, DataScope? scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<Counterparty>().AsNoTracking();
        return scope is null ? query.Where(_ => false) : query.Within(scope, c => c.ResponsibleId, c => c.DepartmentId);
    }

    public static IQueryable<Contact> Contacts(OrgDbContext db, DataScope? scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<Contact>().AsNoTracking();
        return scope is null ? query.Where(_ => false) : query.Within(scope, c => c.ResponsibleId, c => c.DepartmentId);
    }

    /// <summary>
    /// Records whose search text (name, code, INN, phones, e-mails — upper-cased in .NET, so Cyrillic matches on SQLite
    /// too) contains the term; PostgreSQL answers from a trigram index on that column. The term goes as a parameter
    /// (EF escapes the LIKE pattern); which way the matches are put in order is decided by the search itself
    /// (<see cref="SearchOrder"/>), not left to the plan PostgreSQL guesses for a term.
    /// </summary>
    public static IQueryable<Counterparty> MatchCounterparty(IQueryable<Counterparty> query, string term)
    {
        ArgumentNullException.ThrowIfNull(query);
        var needle = SearchText.Normalize(term);
        return query.Where(c => c.SearchText.Contains(needle));
    }

    public static IQueryable<Contact> MatchContact(IQueryable<Contact> query, string term)
    {
        ArgumentNullException.ThrowIfNull(query);
        var needle = SearchText.Normalize(term);
        return query.Where(c => c.SearchText.Contains(needle));
    }
}

/// <summary>The one column a record is searched by: its words upper-cased, ё as е, phones also as bare digits.</summary>
public static class SearchText
{
    public const int MaxLength = 2000;

    public static string Normalize(string? text) =>
        (text ?? "").Trim().ToUpperInvariant().Replace('Ё', 'Е');

    public static string Of(params string?[] parts)
    {
        var words = new List<string>();
        foreach (var part in parts.OfType<string>().Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            words.Add(Normalize(part).Replace('\n', ' '));
            var digits = new string(part.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length >= 5 && digits.Length != part.Trim().Length)
                words.Add(digits);
        }

        var text = string.Join(' ', words);
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }

    public static string For(Counterparty c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Of(c.Code, c.Name, c.FullName, c.Inn, c.Ogrn, c.Phones, c.Emails, c.Website);
    }

    /// <summary>A contact who withdrew consent is not found by their phones or e-mails.</summary>
    public static string For(Contact c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.ConsentWithdrawn ? Of(c.Code, c.Surname, c.Name, c.Patronymic) : Of(c.Code, c.Surname, c.Name, c.Patronymic, c.Phones, c.Emails);
    }
}
