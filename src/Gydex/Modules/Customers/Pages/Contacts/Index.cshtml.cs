using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Lists;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Customers.Pages.Contacts;

/// <summary>
/// The list: filters (custom fields too), sorting, keyset pages, chosen columns, saved filters and bulk actions —
/// each bulk action applies only to the ticked records within the scope of its own right.
/// </summary>
public sealed class IndexModel(ContactBook book, CustomerLists lists, CustomFields fields, ListPreferences preferences, CustomerPageData data,
    OrgDbContext db, IStringLocalizer<CustomersTexts> texts) : PageModel
{
    public const string List = "contacts";
    public static readonly string[] BuiltInColumns = ["code", "name", "position", "phones", "emails", "consent", "responsible", "tags", "updated"];
    public static readonly string[] DefaultColumns = ["code", "name", "position", "phones", "emails", "consent"];

    public ListQuery Query { get; private set; } = new();

    public ListPage<Contact> Rows { get; private set; } = new([], null);

    public IReadOnlyList<CustomFieldDefinition> Fields { get; private set; } = [];

    public Dictionary<Guid, Dictionary<string, string>> Values { get; private set; } = [];

    public IReadOnlyList<string> Columns { get; private set; } = DefaultColumns;

    public IReadOnlyList<string> AvailableColumns { get; private set; } = BuiltInColumns;

    public IReadOnlyList<SavedFilter> SavedFilters { get; private set; } = [];

    public IReadOnlyList<Choice> Employees { get; private set; } = [];

    public Dictionary<Guid, string> UserNames { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>The contact as this user may see it (personal fields blanked after a withdrawn consent).</summary>
    public Contact Shown(Contact contact) => book.Shown(contact);

    public async Task OnGetAsync(string? done)
    {
        var ct = HttpContext.RequestAborted;
        Query = ListQuery.From(Request.Query);
        Fields = await fields.DefinitionsAsync(CustomersModule.ContactFields, ct);
        AvailableColumns = [.. BuiltInColumns, .. Fields.Select(f => CustomFields.FormPrefix + f.Key)];
        Columns = await preferences.ColumnsAsync(List, AvailableColumns, [.. DefaultColumns, .. Fields.Where(f => f.ShowInList).Select(f => CustomFields.FormPrefix + f.Key)], ct);
        Rows = await book.ListPageAsync(lists, Query, ct);
        Values = await fields.ValuesAsync(CustomersModule.ContactFields, Rows.Rows.Select(r => r.Id).ToList(), ct);
        SavedFilters = await preferences.FiltersAsync(List, ct);
        Employees = await data.EmployeesAsync(ct);
        UserNames = await data.UserNamesAsync(Rows.Rows.Select(r => r.ResponsibleId), ct);
        Message = done is null ? null : texts["Done: {0} records.", done].Value;
    }

    public async Task<IActionResult> OnPostSaveFilterAsync(string? name, string? query)
    {
        if (!string.IsNullOrWhiteSpace(name))
            await preferences.SaveFilterAsync(List, name, ListQuery.From(QueryHelpers(query)).ToQueryString(), HttpContext.RequestAborted);
        return Redirect(Url.Content("~/customers/contacts") + (query ?? ""));
    }

    public async Task<IActionResult> OnPostDeleteFilterAsync(Guid id)
    {
        await preferences.DeleteFilterAsync(id, HttpContext.RequestAborted);
        return Redirect(Url.Content("~/customers/contacts"));
    }

    public async Task<IActionResult> OnPostColumnsAsync(List<string> columns, string? query)
    {
        var definitions = await fields.DefinitionsAsync(CustomersModule.ContactFields, HttpContext.RequestAborted);
        await preferences.SaveColumnsAsync(List, columns, [.. BuiltInColumns, .. definitions.Select(f => CustomFields.FormPrefix + f.Key)], HttpContext.RequestAborted);
        return Redirect(Url.Content("~/customers/contacts") + (query ?? ""));
    }

    public Task<IActionResult> OnPostAssignAsync(List<Guid> ids, Guid? responsibleId, string? query) =>
        BulkAsync(ids, CustomersRights.Contacts.Edit, query, async c =>
        {
            if (responsibleId is not { } r || !await db.Users.AnyAsync(u => u.Id == r && !u.IsDisabled))
                return false;
            c.ResponsibleId = r;
            c.DepartmentId = await db.Users.Where(u => u.Id == r).Select(u => u.DepartmentId).FirstAsync();
            return true;
        });

    public Task<IActionResult> OnPostTagAsync(List<Guid> ids, string? tag, string? query) =>
        BulkAsync(ids, CustomersRights.Contacts.Edit, query, c =>
        {
            if (string.IsNullOrWhiteSpace(tag))
                return Task.FromResult(false);
            c.Tags = TextLists.Tags(c.Tags + "," + tag);
            return Task.FromResult(true);
        });

    public async Task<IActionResult> OnPostDeleteAsync(List<Guid> ids, string? query)
    {
        var ct = HttpContext.RequestAborted;
        var count = 0;
        foreach (var id in ids.Distinct().Take(BulkActions.MaxRecords))
        {
            if (await book.FindAsync(id, CustomersRights.Contacts.Delete, ct) is { } c)
            {
                await book.StageDeleteAsync(c, ct);
                count++;
            }
        }

        await db.SaveChangesAsync(ct);
        return Redirect(Url.Content("~/customers/contacts") + Append(query, count));
    }

    /// <summary>Applies <paramref name="change"/> to each ticked record within the right's scope; the others are left alone.</summary>
    private async Task<IActionResult> BulkAsync(List<Guid> ids, Kernel.Access.Right right, string? query, Func<Contact, Task<bool>> change)
    {
        var ct = HttpContext.RequestAborted;
        var wanted = ids.Distinct().Take(BulkActions.MaxRecords).ToList();
        var scope = await book.QueryAsync(right, ct);
        var allowed = await scope.Where(c => wanted.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var count = 0;
        foreach (var c in await db.Set<Contact>().Where(c => allowed.Contains(c.Id)).ToListAsync(ct))
        {
            if (await change(c))
            {
                c.SearchText = SearchText.For(c);
                count++;
            }
        }

        await db.SaveChangesAsync(ct);
        return Redirect(Url.Content("~/customers/contacts") + Append(query, count));
    }

    private static string Append(string? query, int count) =>
        (string.IsNullOrEmpty(query) ? "?" : query + "&") + "done=" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Microsoft.AspNetCore.Http.QueryCollection QueryHelpers(string? query) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
}
