using System.Globalization;
using System.Runtime.CompilerServices;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Lists;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>
/// The columns of counterparties and contacts in files, the same for export and import: fixed English names
/// (what scripts and templates refer to), custom fields as <c>cf.&lt;key&gt;</c>, lists one item per line.
/// </summary>
public static class CustomerColumns
{
    public static readonly string[] Counterparty =
        ["code", "kind", "name", "fullName", "inn", "kpp", "ogrn", "legalAddress", "postalAddress", "phones", "emails", "website", "responsible", "tags", "notes"];

    public static readonly string[] Contact =
        ["code", "surname", "name", "patronymic", "position", "phones", "emails", "messengers", "birthday", "responsible", "tags", "notes",
         "consentDate", "consentPurpose", "consentMethod", "consentWithdrawnDate", "counterparties"];

    public static string? Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Exports a filtered list within the user's export scope, in pages by keyset (memory stays flat for any size),
/// personal fields hidden as on screen; the export is journaled with its filter and row count.
/// </summary>
public sealed class CustomerExport(OrgDbContext db, CounterpartyBook counterparties, ContactBook contacts, CustomerLists lists, CustomFields fields, Journal journal)
{
    private const int Batch = 1000;

    public async Task ExportAsync(string target, ListQuery query, TableFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = 0;
        IAsyncEnumerable<string[]> rows = target == "contacts" ? ContactRowsAsync(query, () => count++, cancellationToken) : CounterpartyRowsAsync(query, () => count++, cancellationToken);
        if (format == TableFormat.Csv)
        {
            await TableFiles.WriteCsvAsync(output, rows, cancellationToken);
        }
        else
        {
            // A zip needs seeking: written to a temporary file, then copied out.
            var temp = Path.GetTempFileName();
            try
            {
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
                    await TableFiles.WriteXlsxAsync(file, target, rows, cancellationToken);
                await using var read = File.OpenRead(temp);
                await read.CopyToAsync(output, cancellationToken);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        await journal.RecordAsync(new JournalEntry(CustomersJournal.Exported)
        {
            Right = target == "contacts" ? CustomersRights.Contacts.Export : CustomersRights.Counterparties.Export,
            Comment = $"{target}, {format.ToString().ToLowerInvariant()}, {count} rows; filter: {query.ToQueryString()}",
        }, cancellationToken);
    }

    private async IAsyncEnumerable<string[]> CounterpartyRowsAsync(ListQuery query, Action counted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var definitions = await fields.DefinitionsAsync(CustomersModule.CounterpartyFields, cancellationToken);
        yield return [.. CustomerColumns.Counterparty, .. definitions.Select(d => CustomFields.FormPrefix + d.Key)];
        var filtered = await lists.FilterAsync(await counterparties.QueryAsync(CustomersRights.Counterparties.Export, cancellationToken), query, cancellationToken);
        var page = query with { Limit = Batch, Cursor = null };
        while (true)
        {
            var rows = await CustomerLists.PageAsync(filtered, page, cancellationToken);
            var values = await fields.ValuesAsync(CustomersModule.CounterpartyFields, rows.Rows.Select(r => r.Id).ToList(), cancellationToken);
            var logins = await LoginsAsync(rows.Rows.Select(r => r.ResponsibleId), cancellationToken);
            foreach (var c in rows.Rows)
            {
                var custom = values.GetValueOrDefault(c.Id);
                counted();
                yield return
                [
                    c.Code, c.Kind.ToString().ToLowerInvariant(), c.Name, c.FullName ?? "", c.Inn ?? "", c.Kpp ?? "", c.Ogrn ?? "", c.LegalAddress ?? "",
                    c.PostalAddress ?? "", c.Phones ?? "", c.Emails ?? "", c.Website ?? "", logins.GetValueOrDefault(c.ResponsibleId) ?? "", c.Tags ?? "", c.Notes ?? "",
                    .. definitions.Select(d => custom?.GetValueOrDefault(d.Key) ?? ""),
                ];
            }

            if (rows.Next is null)
                break;
            page = page with { Cursor = rows.Next };
        }
    }

    private async IAsyncEnumerable<string[]> ContactRowsAsync(ListQuery query, Action counted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var definitions = await fields.DefinitionsAsync(CustomersModule.ContactFields, cancellationToken);
        yield return [.. CustomerColumns.Contact, .. definitions.Select(d => CustomFields.FormPrefix + d.Key)];
        var filtered = await lists.FilterAsync(await contacts.QueryAsync(CustomersRights.Contacts.Export, cancellationToken), query, cancellationToken);
        var visibleCounterparties = await counterparties.QueryAsync(CustomersRights.Counterparties.View, cancellationToken);
        var page = query with { Limit = Batch, Cursor = null };
        while (true)
        {
            var rows = await CustomerLists.PageAsync(filtered, page, cancellationToken);
            var ids = rows.Rows.Select(r => r.Id).ToList();
            var values = await fields.ValuesAsync(CustomersModule.ContactFields, ids, cancellationToken);
            var logins = await LoginsAsync(rows.Rows.Select(r => r.ResponsibleId), cancellationToken);
            var links = (await (from l in db.Set<ContactLink>().AsNoTracking()
                                join c in visibleCounterparties on l.CounterpartyId equals c.Id
                                where ids.Contains(l.ContactId)
                                select new { l.ContactId, c.Code }).ToListAsync(cancellationToken))
                .GroupBy(l => l.ContactId).ToDictionary(g => g.Key, g => string.Join('\n', g.Select(x => x.Code).Order(StringComparer.Ordinal)));
            foreach (var contact in rows.Rows)
            {
                var c = contacts.Shown(contact);
                var custom = values.GetValueOrDefault(c.Id);
                counted();
                yield return
                [
                    c.Code, c.Surname, c.Name ?? "", c.Patronymic ?? "", c.Position ?? "", c.Phones ?? "", c.Emails ?? "", c.Messengers ?? "",
                    CustomerColumns.Day(c.Birthday) ?? "", logins.GetValueOrDefault(c.ResponsibleId) ?? "", c.Tags ?? "", c.Notes ?? "",
                    CustomerColumns.Day(c.ConsentDate) ?? "", c.ConsentPurpose ?? "", c.ConsentMethod ?? "", CustomerColumns.Day(c.ConsentWithdrawnDate) ?? "",
                    links.GetValueOrDefault(c.Id) ?? "",
                    .. definitions.Select(d => custom?.GetValueOrDefault(d.Key) ?? ""),
                ];
            }

            if (rows.Next is null)
                break;
            page = page with { Cursor = rows.Next };
        }
    }

    private async Task<Dictionary<Guid, string>> LoginsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", cancellationToken);
    }
}
