using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Lists;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

public enum ImportWorkKind
{
    Run,
    Undo,
}

public sealed record ImportWork(Organization Organization, Guid ImportId, ImportWorkKind Kind);

/// <summary>The imports waiting for the background runner of this node.</summary>
public sealed class ImportInbox
{
    private readonly Channel<ImportWork> channel = Channel.CreateUnbounded<ImportWork>();

    public ValueTask EnqueueAsync(ImportWork work, CancellationToken cancellationToken) => channel.Writer.WriteAsync(work, cancellationToken);

    public IAsyncEnumerable<ImportWork> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Runs imports and undos one after another, each in its organization's scope and as the user who started it.</summary>
public sealed class ImportRunner(ImportInbox queue, OrgScopes scopes, ILogger<ImportRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.ReadAllAsync(stoppingToken))
        {
            await using var scope = scopes.CreateScope(work.Organization);
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<OrgDbContext>();
            try
            {
                var import = await db.Set<CustomerImport>().SingleAsync(i => i.Id == work.ImportId, stoppingToken);
                var user = await db.Users.SingleAsync(u => u.Id == import.UserId, stoppingToken);
                var principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<GydexUser>>().CreateAsync(user);
                await sp.GetRequiredService<CurrentAccess>().LoadAsync(principal, stoppingToken);
                sp.GetRequiredService<JournalActor>().ActAs(user.Id, user.DisplayName == user.UserName ? user.UserName : $"{user.DisplayName} ({user.UserName})");
                var job = sp.GetRequiredService<ImportJob>();
                if (work.Kind == ImportWorkKind.Run)
                    await job.RunAsync(import, stoppingToken);
                else
                    await job.UndoAsync(import, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Import {Import} of {Organization} failed", work.ImportId, work.Organization.Slug);
                await using var failScope = scopes.CreateScope(work.Organization);
                var failDb = failScope.ServiceProvider.GetRequiredService<OrgDbContext>();
                await failDb.Set<CustomerImport>().Where(i => i.Id == work.ImportId).ExecuteUpdateAsync(u => u
                    .SetProperty(i => i.Status, ImportStatus.Failed).SetProperty(i => i.Error, e.Message.Length > 4000 ? e.Message[..4000] : e.Message), CancellationToken.None);
            }
        }
    }
}

/// <summary>The rows of one import, read and saved in batches; and its undo.</summary>
public sealed class ImportJob(OrgDbContext db, CounterpartyBook counterparties, ContactBook contacts, CustomFields fields, DocumentNumbers numbers,
    CustomerImporter importer, Journal journal, TimeProvider clock)
{
    public const int BatchSize = 500;

    private sealed record Row(int Number, string[] Cells);

    public async Task RunAsync(CustomerImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var mapping = JsonSerializer.Deserialize<Dictionary<string, int>>(import.Mapping) ?? [];
        var path = importer.FileOf(import);
        var format = TableFiles.FormatOf(import.FileName)!.Value;
        // A first pass counts the rows, so progress is a real fraction.
        var total = 0;
        await foreach (var _ in TableFiles.ReadAsync(path, format, cancellationToken))
            total++;
        import.Total = Math.Max(0, total - 1);
        await db.SaveChangesAsync(cancellationToken);

        var logins = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.NormalizedUserName ?? "", u => u.Id, cancellationToken);
        var seen = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var batch = new List<Row>();
        var number = 0;
        await foreach (var cells in TableFiles.ReadAsync(path, format, cancellationToken))
        {
            number++;
            if (number == 1)
                continue;
            if (number > CustomerImporter.MaxRows + 1)
                break;
            batch.Add(new Row(number, cells));
            if (batch.Count == BatchSize)
            {
                await BatchAsync(import, mapping, batch, logins, seen, cancellationToken);
                batch.Clear();
            }
        }

        await BatchAsync(import, mapping, batch, logins, seen, cancellationToken);
        import.Status = ImportStatus.Done;
        import.FinishedAt = clock.GetUtcNow();
        journal.Add(db, new JournalEntry(CustomersJournal.Imported)
        {
            Right = CustomerImporter.RightsOf(import.Target).Import, DocumentType = "import", DocumentId = import.Id.ToString(), DocumentCode = import.FileName,
            Comment = $"{import.Target}: import {import.Id}, {import.Created} created, {import.Updated} updated, {import.Skipped} skipped, {import.Rejected} rejected",
        });
        await db.SaveChangesAsync(cancellationToken);
        File.Delete(path);
    }

    private async Task BatchAsync(CustomerImport import, Dictionary<string, int> mapping, List<Row> rows, Dictionary<string, Guid> logins,
        Dictionary<string, Guid> seen, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
        {
            var next = await numbers.ReserveAsync(import.Target == "contacts" ? Contact.Sequence : Counterparty.Sequence, rows.Count, cancellationToken);
            foreach (var row in rows)
            {
                string Cell(string field) => mapping.TryGetValue(field, out var i) && i >= 0 && i < row.Cells.Length ? row.Cells[i].Trim() : "";
                var outcome = import.Target == "contacts"
                    ? await ContactRowAsync(import, Cell, mapping, logins, seen, next, cancellationToken)
                    : await CounterpartyRowAsync(import, Cell, mapping, logins, seen, next, cancellationToken);
                switch (outcome.Kind)
                {
                    case 'c':
                        import.Created++;
                        next++;
                        break;
                    case 'u':
                        import.Updated++;
                        break;
                    case 's':
                        import.Skipped++;
                        break;
                    default:
                        import.Rejected++;
                        db.Add(new ImportRejection { ImportId = import.Id, Row = row.Number, Reason = outcome.Reason!.Length > 2000 ? outcome.Reason[..2000] : outcome.Reason });
                        break;
                }
            }
        }

        import.Processed += rows.Count;
        await db.SaveChangesAsync(cancellationToken);
        // The import's own record stays tracked; the batch's records go, so memory stays flat over a big file.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not CustomerImport).ToList())
            entry.State = EntityState.Detached;
    }

    private static Dictionary<string, string?> Custom(Dictionary<string, int> mapping, Func<string, string> cell) =>
        mapping.Keys.Where(k => k.StartsWith(CustomFields.FormPrefix, StringComparison.Ordinal))
            .ToDictionary(k => k[CustomFields.FormPrefix.Length..], k => (string?)cell(k), StringComparer.Ordinal);

    private static (Guid? Id, string? Problem) Responsible(string login, Dictionary<string, Guid> logins) =>
        login.Length == 0 ? (null, null)
        : logins.TryGetValue(login.ToUpperInvariant(), out var id) ? (id, null) : (null, $"No employee with the login '{login}'.");

    private static string Reason(IReadOnlyDictionary<string, string> errors) =>
        string.Join("; ", errors.Select(e => $"{char.ToLowerInvariant(e.Key[0])}{e.Key[1..]}: {e.Value}"));

    private async Task<(char Kind, string? Reason)> CounterpartyRowAsync(CustomerImport import, Func<string, string> cell, Dictionary<string, int> mapping,
        Dictionary<string, Guid> logins, Dictionary<string, Guid> seen, long number, CancellationToken cancellationToken)
    {
        var kindText = cell("kind").ToUpperInvariant();
        CounterpartyKind? kind = kindText switch
        {
            "" or "LEGAL" or "ЮР" or "ЮЛ" or "ЮРЛИЦО" or "ЮРИДИЧЕСКОЕ ЛИЦО" => CounterpartyKind.Legal,
            "SOLE" or "ИП" or "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ" => CounterpartyKind.Sole,
            "PERSON" or "ФЛ" or "ФИЗ" or "ФИЗЛИЦО" or "ФИЗИЧЕСКОЕ ЛИЦО" => CounterpartyKind.Person,
            _ => null,
        };
        if (kind is null)
            return ('r', $"kind: '{cell("kind")}' is not legal, sole or person.");
        var (responsible, problem) = Responsible(cell("responsible"), logins);
        if (problem is not null)
            return ('r', "responsible: " + problem);
        var input = new CounterpartyInput
        {
            Kind = kind.Value, Name = cell("name"), FullName = cell("fullName"), Inn = cell("inn"), Kpp = cell("kpp"), Ogrn = cell("ogrn"),
            LegalAddress = cell("legalAddress"), PostalAddress = cell("postalAddress"), Phones = cell("phones"), Emails = cell("emails"),
            Website = cell("website"), ResponsibleId = responsible, Tags = cell("tags"), Notes = cell("notes"), CustomFields = Custom(mapping, cell),
        };
        var (errors, custom) = await counterparties.ValidateAsync(input, complete: true, cancellationToken);
        if (errors.Count > 0)
            return ('r', Reason(errors));

        // A match: by code, by INN (in the database or earlier in this file).
        Guid? match = null;
        var code = cell("code").ToUpperInvariant();
        if (code.Length > 0)
            match = await db.Set<Counterparty>().Where(c => c.Code == code).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var key = string.IsNullOrEmpty(input.Inn) ? null : "inn:" + input.Inn.Trim();
        if (match is null && key is not null)
            match = seen.TryGetValue(key, out var earlier) ? earlier : (await counterparties.DuplicatesAsync(input.Inn, input.Kpp, null, cancellationToken)) is { Count: > 0 } found ? found[0].Id : null;
        if (match is { } id && import.Duplicates != DuplicateMode.Create)
        {
            if (import.Duplicates == DuplicateMode.Skip)
                return ('s', null);
            var existing = await counterparties.FindAsync(id, CustomersRights.Counterparties.Edit, cancellationToken);
            if (existing is null)
                return ('r', "A matching counterparty exists that you may not change.");
            if (existing.ImportId != import.Id)
            {
                var before = new ImportSnapshot(CounterpartyInput.From(existing, await counterparties.AccountsAsync(id, cancellationToken)), null,
                    await fields.ValuesAsync(CustomersModule.CounterpartyFields, id, cancellationToken), existing.ImportId);
                db.Add(new ImportedRecord { ImportId = import.Id, RecordId = id, WasCreated = false, Before = JsonSerializer.Serialize(before) });
            }

            await counterparties.StageUpdateAsync(existing, input with { BankAccounts = null }, custom, import.Id, cancellationToken);
            return ('u', null);
        }

        var created = await counterparties.StageNewAsync(input, custom, number, import.Id, cancellationToken);
        db.Add(new ImportedRecord { ImportId = import.Id, RecordId = created.Id, WasCreated = true });
        if (key is not null)
            seen.TryAdd(key, created.Id);
        return ('c', null);
    }

    private async Task<(char Kind, string? Reason)> ContactRowAsync(CustomerImport import, Func<string, string> cell, Dictionary<string, int> mapping,
        Dictionary<string, Guid> logins, Dictionary<string, Guid> seen, long number, CancellationToken cancellationToken)
    {
        var (responsible, problem) = Responsible(cell("responsible"), logins);
        if (problem is not null)
            return ('r', "responsible: " + problem);
        var dates = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (var field in new[] { "birthday", "consentDate", "consentWithdrawnDate" })
        {
            var text = cell(field);
            if (text.Length == 0)
                dates[field] = null;
            else if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                dates[field] = date;
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
                dates[field] = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            else
                return ('r', $"{field}: '{text}' is not a date (YYYY-MM-DD or DD.MM.YYYY).");
        }

        var links = new List<Guid>();
        var visible = await counterparties.QueryAsync(CustomersRights.Counterparties.View, cancellationToken);
        foreach (var code in TextLists.Items(cell("counterparties")).Select(c => c.ToUpperInvariant()))
        {
            var id = await visible.Where(c => c.Code == code).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
                return ('r', $"counterparties: no counterparty with the code {code}.");
            links.Add(id.Value);
        }

        var input = new ContactInput
        {
            Surname = cell("surname"), Name = cell("name"), Patronymic = cell("patronymic"), Position = cell("position"), Phones = cell("phones"),
            Emails = cell("emails"), Messengers = cell("messengers"), Birthday = dates["birthday"], ResponsibleId = responsible, Tags = cell("tags"),
            Notes = cell("notes"), ConsentDate = dates["consentDate"], ConsentPurpose = cell("consentPurpose"), ConsentMethod = cell("consentMethod"),
            ConsentWithdrawnDate = dates["consentWithdrawnDate"], CounterpartyIds = mapping.ContainsKey("counterparties") ? links : null,
            CustomFields = Custom(mapping, cell),
        };
        var (errors, custom) = await contacts.ValidateAsync(input, complete: true, cancellationToken);
        if (errors.Count > 0)
            return ('r', Reason(errors));

        Guid? match = null;
        var code2 = cell("code").ToUpperInvariant();
        if (code2.Length > 0)
            match = await db.Set<Contact>().Where(c => c.Code == code2).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var keys = ContactBook.MatchKeys(input.Emails, input.Phones);
        match ??= keys.Select(k => seen.TryGetValue(k, out var earlier) ? earlier : (Guid?)null).FirstOrDefault(x => x is not null);
        if (match is null && keys.Count > 0)
            match = await contacts.DuplicatesAsync(input.Emails, input.Phones, null, cancellationToken) is { Count: > 0 } found ? found[0].Id : null;
        if (match is { } matched && import.Duplicates != DuplicateMode.Create)
        {
            if (import.Duplicates == DuplicateMode.Skip)
                return ('s', null);
            var existing = await contacts.FindAsync(matched, CustomersRights.Contacts.Edit, cancellationToken);
            if (existing is null)
                return ('r', "A matching contact exists that you may not change.");
            if (existing.ImportId != import.Id)
            {
                var before = new ImportSnapshot(null, ContactInput.From(existing, (await contacts.CounterpartiesOfAsync(matched, cancellationToken)).Select(c => c.Id).ToList()),
                    await fields.ValuesAsync(CustomersModule.ContactFields, matched, cancellationToken), existing.ImportId);
                db.Add(new ImportedRecord { ImportId = import.Id, RecordId = matched, WasCreated = false, Before = JsonSerializer.Serialize(before) });
            }

            await contacts.StageUpdateAsync(existing, input, custom, import.Id, cancellationToken);
            return ('u', null);
        }

        var created = await contacts.StageNewAsync(input, custom, number, import.Id, cancellationToken);
        db.Add(new ImportedRecord { ImportId = import.Id, RecordId = created.Id, WasCreated = true });
        foreach (var key in keys)
            seen.TryAdd(key, created.Id);
        return ('c', null);
    }

    /// <summary>
    /// Deletes what the import created and restores what it changed — except records changed again after the
    /// import, which are left as they are (and counted), so the undo never destroys later work.
    /// </summary>
    public async Task UndoAsync(CustomerImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var finished = import.FinishedAt ?? import.CreatedAt;
        long after = 0;
        int deleted = 0, restored = 0, kept = 0;
        while (true)
        {
            var records = await db.Set<ImportedRecord>().AsNoTracking().Where(r => r.ImportId == import.Id && r.Id > after).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (records.Count == 0)
                break;
            after = records[^1].Id;
            foreach (var record in records)
            {
                if (import.Target == "contacts")
                {
                    var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == record.RecordId, cancellationToken);
                    if (contact is null)
                        continue;
                    if (contact.ImportId != import.Id || contact.UpdatedAt > finished)
                    {
                        kept++;
                        continue;
                    }

                    if (record.WasCreated)
                    {
                        await contacts.StageDeleteAsync(contact, cancellationToken);
                        deleted++;
                    }
                    else if (JsonSerializer.Deserialize<ImportSnapshot>(record.Before!) is { Contact: { } before } snapshot)
                    {
                        var definitions = await contacts.FieldsAsync(cancellationToken);
                        await contacts.StageUpdateAsync(contact, before, Restore(definitions, snapshot), Guid.Empty, cancellationToken);
                        contact.ImportId = snapshot.ImportId;
                        restored++;
                    }
                }
                else
                {
                    var counterparty = await db.Set<Counterparty>().FirstOrDefaultAsync(c => c.Id == record.RecordId, cancellationToken);
                    if (counterparty is null)
                        continue;
                    if (counterparty.ImportId != import.Id || counterparty.UpdatedAt > finished)
                    {
                        kept++;
                        continue;
                    }

                    if (record.WasCreated)
                    {
                        await counterparties.StageDeleteAsync(counterparty, cancellationToken);
                        deleted++;
                    }
                    else if (JsonSerializer.Deserialize<ImportSnapshot>(record.Before!) is { Counterparty: { } before } snapshot)
                    {
                        var definitions = await counterparties.FieldsAsync(cancellationToken);
                        await counterparties.StageUpdateAsync(counterparty, before, Restore(definitions, snapshot), Guid.Empty, cancellationToken);
                        counterparty.ImportId = snapshot.ImportId;
                        restored++;
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not CustomerImport).ToList())
                entry.State = EntityState.Detached;
        }

        import.Status = ImportStatus.Undone;
        journal.Add(db, new JournalEntry(CustomersJournal.ImportUndone)
        {
            Right = CustomerImporter.RightsOf(import.Target).Import, DocumentType = "import", DocumentId = import.Id.ToString(), DocumentCode = import.FileName,
            Comment = $"{import.Target}: import {import.Id} undone, {deleted} deleted, {restored} restored, {kept} changed since and kept",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every custom field back to its value before the import (absent ones cleared).</summary>
    private static CustomFieldInput Restore(IReadOnlyList<CustomFieldDefinition> definitions, ImportSnapshot snapshot) =>
        new(definitions.ToDictionary(d => d.Key, d => (string?)snapshot.Custom.GetValueOrDefault(d.Key), StringComparer.Ordinal), new Dictionary<string, string>());
}

/// <summary>A record's values before an import changed it.</summary>
public sealed record ImportSnapshot(CounterpartyInput? Counterparty, ContactInput? Contact, IReadOnlyDictionary<string, string> Custom, Guid? ImportId);
