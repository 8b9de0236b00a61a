using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>
/// A list's filter, sort and position, read from the query string the same way by the list page, the API and the
/// export: <c>q</c>, <c>kind</c>, <c>tag</c>, <c>responsible</c>, <c>department</c>, <c>consent</c>, <c>cf.&lt;key&gt;</c>, <c>sort</c>
/// (<c>name</c>, <c>code</c>, <c>updated</c>, a leading '-' for descending), <c>cursor</c>, <c>limit</c>.
/// </summary>
public sealed record ListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string? Q { get; init; }

    public string? Kind { get; init; }

    public string? Tag { get; init; }

    public Guid? Responsible { get; init; }

    public Guid? Department { get; init; }

    /// <summary>Contacts: <c>none</c> (no valid consent) or <c>given</c>.</summary>
    public string? Consent { get; init; }

    public IReadOnlyDictionary<string, string> Custom { get; init; } = new Dictionary<string, string>();

    public string Sort { get; init; } = "name";

    public string? Cursor { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public static ListQuery From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        return new ListQuery
        {
            Q = Get("q") is { } q && q.Length > 100 ? q[..100] : Get("q"),
            Kind = Get("kind"),
            Tag = Get("tag")?.ToLowerInvariant(),
            Responsible = Guid.TryParse(Get("responsible"), out var r) ? r : null,
            Department = Guid.TryParse(Get("department"), out var d) ? d : null,
            Consent = Get("consent"),
            Custom = query.Keys.Where(k => k.StartsWith(CustomFields.FormPrefix, StringComparison.Ordinal) && Get(k) is not null)
                .ToDictionary(k => k[CustomFields.FormPrefix.Length..], k => Get(k)!, StringComparer.Ordinal),
            Sort = Get("sort") ?? "name",
            Cursor = Get("cursor"),
            Limit = int.TryParse(Get("limit"), out var l) ? Math.Clamp(l, 1, MaxLimit) : DefaultLimit,
        };
    }

    /// <summary>The query string of this filter and sort (without the cursor): for links, saved filters and exports.</summary>
    public string ToQueryString(bool withSort = true)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                parts.Add(new(key, value));
        }

        Add("q", Q);
        Add("kind", Kind);
        Add("tag", Tag);
        Add("responsible", Responsible?.ToString());
        Add("department", Department?.ToString());
        Add("consent", Consent);
        foreach (var (key, value) in Custom)
            Add(CustomFields.FormPrefix + key, value);
        if (withSort && Sort != "name")
            Add("sort", Sort);
        return QueryString.Create(parts).Value ?? "";
    }

    /// <summary>Whether any filter is set: the parameters <see cref="ToQueryString"/> writes besides the sort.</summary>
    public bool Filtered => Q is not null || Kind is not null || Tag is not null || Responsible is not null || Department is not null
        || Consent is not null || Custom.Count > 0;

    public bool Descending => Sort.StartsWith('-');

    public string SortField => Sort.TrimStart('-');
}

public sealed record ListPage<T>(IReadOnlyList<T> Rows, string? Next);

/// <summary>The filtered, sorted, keyset-paged lists of counterparties and contacts, within a data scope already applied.</summary>
public sealed class CustomerLists(CustomFields fields)
{
    public async Task<IQueryable<Counterparty>> FilterAsync(IQueryable<Counterparty> query, ListQuery list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (!string.IsNullOrEmpty(list.Q))
            query = CustomerQueries.MatchCounterparty(query, list.Q);
        if (Enum.TryParse<CounterpartyKind>(list.Kind, ignoreCase: true, out var kind))
            query = query.Where(c => c.Kind == kind);
        if (!string.IsNullOrEmpty(list.Tag))
        {
            var tag = "," + list.Tag + ",";
            query = query.Where(c => ("," + c.Tags + ",").Contains(tag));
        }

        if (list.Responsible is { } r)
            query = query.Where(c => c.ResponsibleId == r);
        if (list.Department is { } d)
            query = query.Where(c => c.DepartmentId == d);
        return await CustomAsync(query, CustomersModule.CounterpartyFields, list, cancellationToken);
    }

    public async Task<IQueryable<Contact>> FilterAsync(IQueryable<Contact> query, ListQuery list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (!string.IsNullOrEmpty(list.Q))
            query = CustomerQueries.MatchContact(query, list.Q);
        if (!string.IsNullOrEmpty(list.Tag))
        {
            var tag = "," + list.Tag + ",";
            query = query.Where(c => ("," + c.Tags + ",").Contains(tag));
        }

        if (list.Responsible is { } r)
            query = query.Where(c => c.ResponsibleId == r);
        if (list.Department is { } d)
            query = query.Where(c => c.DepartmentId == d);
        if (list.Consent == "none")
            query = query.Where(c => c.ConsentDate == null || c.ConsentWithdrawnDate != null);
        else if (list.Consent == "given")
            query = query.Where(c => c.ConsentDate != null && c.ConsentWithdrawnDate == null);
        return await CustomAsync(query, CustomersModule.ContactFields, list, cancellationToken);
    }

    private async Task<IQueryable<T>> CustomAsync<T>(IQueryable<T> query, string entityType, ListQuery list, CancellationToken cancellationToken)
        where T : class, ICustomFieldRecord
    {
        if (list.Custom.Count == 0)
            return query;
        var definitions = await fields.DefinitionsAsync(entityType, cancellationToken);
        foreach (var (key, value) in list.Custom)
        {
            if (definitions.FirstOrDefault(d => d.Key == key) is { } definition)
                query = fields.Filter(query, definition, value);
        }

        return query;
    }

    public static async Task<ListPage<Counterparty>> PageAsync(IQueryable<Counterparty> query, ListQuery list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var cursor = Keyset.Decode(list.Cursor);
        var desc = list.Descending;
        query = list.SortField switch
        {
            "code" => Keyset.Page(query, c => c.Number, c => c.Number, desc, cursor is null ? 0 : cursor.Number, cursor?.Number),
            "updated" => Keyset.Page(query, c => c.UpdatedAt, c => c.Number, desc, Keyset.Decode<DateTimeOffset>(list.Cursor, Keyset.ParseInstant)),
            _ => Keyset.Page(query, c => c.Name, c => c.Number, desc, cursor?.Value, cursor?.Number),
        };
        var rows = await Keyset.Take(query, list.Limit + 1).ToListAsync(cancellationToken);
        return new ListPage<Counterparty>(rows.Take(list.Limit).ToList(), rows.Count > list.Limit ? CursorOf(rows[list.Limit - 1], list.SortField) : null);
    }

    /// <summary>
    /// A contact with what a list row shows, and no more: the search text, notes and consent details stay in the
    /// database (a list page reads 51 rows; the wide columns were most of their bytes).
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Contact, Contact>> ContactRow = c => new Contact
    {
        Id = c.Id, Number = c.Number, Code = c.Code, Surname = c.Surname, Name = c.Name, Patronymic = c.Patronymic, Position = c.Position,
        Phones = c.Phones, Emails = c.Emails, ResponsibleId = c.ResponsibleId, DepartmentId = c.DepartmentId, Tags = c.Tags,
        ConsentDate = c.ConsentDate, ConsentWithdrawnDate = c.ConsentWithdrawnDate, UpdatedAt = c.UpdatedAt,
    };

    public static async Task<ListPage<Contact>> PageAsync(IQueryable<Contact> query, ListQuery list, CancellationToken cancellationToken,
        System.Linq.Expressions.Expression<Func<Contact, Contact>>? row = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        // Captured values, so EF sends parameters and keeps one cached plan for every page.
        var after = ContactCursor.Read(list) is { } c
            ? new ContactCursorValues(QueryParameter.Of(c.Text), QueryParameter.Of(c.Instant), QueryParameter.Of(c.Number))
            : null;
        var page = Keyset.Take(InContactOrder(query, list.SortField, list.Descending, after), list.Limit + 1);
        return ContactPageOf(await (row is null ? page : page.Select(row)).ToListAsync(cancellationToken), list);
    }

    /// <summary>
    /// The contacts list in the order of <paramref name="sort"/> (code, newest change, or surname; the number breaks
    /// ties), after the cursor whose values are given as expressions: captured values, or a compiled query's
    /// parameters (<see cref="ContactPages"/>).
    /// </summary>
    internal static IQueryable<Contact> InContactOrder(IQueryable<Contact> query, string sort, bool descending, ContactCursorValues? after) => sort switch
    {
        "code" => Keyset.PageAfter(query, c => c.Number, c => c.Number, descending, after is null ? null : (after.Number, after.Number)),
        "updated" => Keyset.PageAfter(query, c => c.UpdatedAt, c => c.Number, descending, after is null ? null : (after.Instant, after.Number)),
        _ => Keyset.PageAfter(query, c => c.Surname, c => c.Number, descending, after is null ? null : (after.Text, after.Number)),
    };

    /// <summary>The page of the first <see cref="ListQuery.Limit"/> of <paramref name="rows"/>, and the cursor after it when there is one more.</summary>
    internal static ListPage<Contact> ContactPageOf(List<Contact> rows, ListQuery list)
    {
        var last = rows.Count > list.Limit ? rows[list.Limit - 1] : null;
        return new ListPage<Contact>(rows.Take(list.Limit).ToList(),
            last is null ? null : Keyset.Encode(list.SortField == "updated" ? Ticks(last.UpdatedAt) : last.Surname, last.Number));
    }

    private static string CursorOf(Counterparty c, string sort) =>
        Keyset.Encode(sort == "updated" ? Ticks(c.UpdatedAt) : c.Name, c.Number);

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A contacts list's cursor as both the compiled and the afresh list read it. One that does not decode, or whose key
/// is not of the sort (no surname for the name sort, no instant for the newest-first sort), starts from the first page.
/// </summary>
internal sealed record ContactCursor(string Text, DateTimeOffset Instant, long Number)
{
    public static ContactCursor? Read(ListQuery list) => list.SortField switch
    {
        "updated" => Keyset.Decode<DateTimeOffset>(list.Cursor, Keyset.ParseInstant) is { } instant ? new("", instant.Key, instant.Number) : null,
        "code" => Keyset.Decode(list.Cursor) is { } cursor ? new("", default, cursor.Number) : null,
        _ => Keyset.Decode(list.Cursor) is { Value: { } surname } cursor ? new(surname, default, cursor.Number) : null,
    };
}

/// <summary>Where the contacts list's order takes the cursor's surname, instant and number from.</summary>
internal sealed record ContactCursorValues(System.Linq.Expressions.Expression Text, System.Linq.Expressions.Expression Instant, System.Linq.Expressions.Expression Number);
