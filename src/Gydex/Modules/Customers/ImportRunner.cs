using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Jobs;
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

/// <summary>The <c>Imports</c> section: how this node takes part in running imports.</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Whether this node runs imports at all (a node may serve pages only).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the node looks in the catalog for imports offered to any node or left by a stopped one.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the node looks through every active organization for queued or running imports without a lease (besides at start).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A lease its holder has not renewed for this long is taken over by another node; the holder renews it every third of it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The durable queue (backlog) of imports: an import to run or undo is offered as a lease in the catalog
/// (<see cref="JobLeases"/>, the table scheduled jobs lease their occurrences in), keyed by organization, import
/// and kind, and the doorbell rings so this node takes it at once. If this node stops first, another takes it.
/// </summary>
public sealed class ImportBacklog(JobLeases leases)
{
    public const string Prefix = "customers-import:";

    /// <summary>Every lease of an import has this occurrence time: the job key alone names the work.</summary>
    public static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private readonly Channel<bool> bell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public static string JobOf(Guid organizationId, Guid importId, ImportWorkKind kind) =>
        $"{Prefix}{organizationId:N}:{importId:N}:{(kind == ImportWorkKind.Run ? "run" : "undo")}";

    public static (Guid OrganizationId, Guid ImportId, ImportWorkKind Kind)? Parse(string job)
    {
        var parts = job.Split(':');
        return parts.Length == 4 && parts[0] + ":" == Prefix && Guid.TryParseExact(parts[1], "N", out var org) && Guid.TryParseExact(parts[2], "N", out var import)
            && parts[3] is "run" or "undo"
            ? (org, import, parts[3] == "run" ? ImportWorkKind.Run : ImportWorkKind.Undo)
            : null;
    }

    public async Task EnqueueAsync(Guid organizationId, Guid importId, ImportWorkKind kind, CancellationToken cancellationToken)
    {
        await leases.OfferAsync(JobOf(organizationId, importId, kind), At, cancellationToken);
        Ring();
    }

    /// <summary>Wakes this node's runner before its next poll.</summary>
    public void Ring() => bell.Writer.TryWrite(true);

    /// <summary>Waits for the doorbell or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(interval);
        try
        {
            await bell.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed
        }
    }
}

/// <summary>
/// Runs imports and undos one after another, each in its organization's scope and as the user who started it, each
/// only while this node holds its lease. At start and every <see cref="ImportOptions.ScanInterval"/> it offers every
/// queued or running import of every active organization (one whose node stopped, or whose offer was lost with
/// a crash); every <see cref="ImportOptions.PollInterval"/>, or when rung, it takes the claimable ones. A resumed
/// import goes on after its last committed batch; a resumed undo after the last record it committed.
/// </summary>
public sealed class ImportRunner(ImportBacklog queue, JobLeases leases, IServiceScopeFactory scopes, OrgScopes orgScopes, ImportOptions options,
    ILogger<ImportRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
            return;
        long nextScan = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Environment.TickCount64 >= nextScan)
                {
                    await ScanAsync(stoppingToken);
                    nextScan = Environment.TickCount64 + (long)options.ScanInterval.TotalMilliseconds;
                }

                await RunClaimableAsync(stoppingToken);
                await queue.WaitAsync(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                logger.LogError(e, "Looking for imports failed; trying again at the next poll");
                await queue.WaitAsync(options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Offers every queued or running import of every active organization (an offer already there stays as it is).</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        List<Organization> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking()
                .Where(o => o.Status == OrganizationStatus.Active).ToListAsync(cancellationToken);
        }

        foreach (var organization in organizations)
        {
            try
            {
                await using var scope = orgScopes.CreateScope(organization);
                var open = await scope.ServiceProvider.GetRequiredService<OrgDbContext>().Set<CustomerImport>().AsNoTracking()
                    .Where(i => i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running)
                    .Select(i => new { i.Id, i.UndoneAt }).ToListAsync(cancellationToken);
                foreach (var import in open)
                    await leases.OfferAsync(ImportBacklog.JobOf(organization.Id, import.Id, import.UndoneAt is null ? ImportWorkKind.Run : ImportWorkKind.Undo), ImportBacklog.At, cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                logger.LogError(e, "Looking for unfinished imports of {Organization} failed", organization.Slug);
            }
        }
    }

    /// <summary>Takes and runs, one after another, every import lease that is claimable now; returns how many it ran.</summary>
    public async Task<int> RunClaimableAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var claimable = (await leases.ClaimableAsync(ImportBacklog.Prefix, options.Lease, cancellationToken)).Where(l => tried.Add(l.Job)).ToList();
            if (claimable.Count == 0)
                return ran;
            foreach (var lease in claimable)
            {
                if (ImportBacklog.Parse(lease.Job) is not { } work || !await leases.TryTakeAsync(lease.Job, lease.At, options.Lease, cancellationToken))
                    continue;
                await RunLeasedAsync(lease.Job, work.OrganizationId, work.ImportId, work.Kind, cancellationToken);
                ran++;
            }
        }
    }

    private async Task RunLeasedAsync(string job, Guid organizationId, Guid importId, ImportWorkKind kind, CancellationToken stoppingToken)
    {
        Organization? organization;
        await using (var catalogScope = scopes.CreateAsyncScope())
        {
            organization = await catalogScope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking()
                .SingleOrDefaultAsync(o => o.Id == organizationId, stoppingToken);
        }

        if (organization is null)
        {
            await leases.FinishAsync(job, ImportBacklog.At, succeeded: false);
            return;
        }

        if (organization.Status != OrganizationStatus.Active)
            return; // suspended or being restored: left held, so it is tried again once the lease runs out

        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewing = new CancellationTokenSource();
        var renewal = RenewAsync(job, held, renewing.Token);
        var finished = false;
        try
        {
            await using var scope = orgScopes.CreateScope(organization);
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<OrgDbContext>();
            var import = await db.Set<CustomerImport>().SingleOrDefaultAsync(i => i.Id == importId, held.Token);
            if (import is null || import.Status is not (ImportStatus.Queued or ImportStatus.Running))
            {
                finished = true; // done already (its end committed, the lease's not), or gone with a restore
                await leases.FinishAsync(job, ImportBacklog.At, succeeded: import is not null);
                return;
            }

            var user = await db.Users.SingleAsync(u => u.Id == import.UserId, held.Token);
            var principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<GydexUser>>().CreateAsync(user);
            await sp.GetRequiredService<CurrentAccess>().LoadAsync(principal, held.Token);
            sp.GetRequiredService<JournalActor>().ActAs(user.Id, user.DisplayName == user.UserName ? user.UserName : $"{user.DisplayName} ({user.UserName})");
            var work = sp.GetRequiredService<ImportJob>();
            import.Status = ImportStatus.Running;
            if (kind == ImportWorkKind.Run)
                await work.RunAsync(import, held.Token);
            else
                await work.UndoAsync(import, held.Token);
            finished = true;
            await leases.FinishAsync(job, ImportBacklog.At, succeeded: true);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // This node stops: what the current batch did rolled back with it; the next node goes on from the last commit.
            await leases.ReleaseAsync(job, ImportBacklog.At);
        }
        catch (Exception e) when (e is OperationCanceledException or DbUpdateConcurrencyException)
        {
            // The lease went to another node (this one did not renew it in time), which goes on from the last commit.
            logger.LogWarning(e, "Import {Import} of {Organization} lost its lease to another node", importId, organization.Slug);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import {Import} of {Organization} failed", importId, organization.Slug);
            await using var failScope = orgScopes.CreateScope(organization);
            var failDb = failScope.ServiceProvider.GetRequiredService<OrgDbContext>();
            await failDb.Set<CustomerImport>().Where(i => i.Id == importId).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.Status, ImportStatus.Failed).SetProperty(i => i.Error, e.Message.Length > 4000 ? e.Message[..4000] : e.Message), CancellationToken.None);
            finished = true;
            await leases.FinishAsync(job, ImportBacklog.At, succeeded: false);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            if (!finished)
                logger.LogInformation("Import {Import} of {Organization} left unfinished on this node", importId, organization.Slug);
        }
    }

    /// <summary>Renews the lease every third of its length; when it is lost, cancels the work holding it.</summary>
    private async Task RenewAsync(string job, CancellationTokenSource held, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Lease / 3, stop);
                if (!await leases.RenewAsync(job, ImportBacklog.At, stop))
                {
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The catalog cannot be reached: the lease cannot be kept, so the work stops rather than risk running twice.
            logger.LogError(e, "Renewing the lease of {Job} failed", job);
            await held.CancelAsync();
        }
    }
}

/// <summary>The rows of one import, read and saved in batches; and its undo.</summary>
public sealed class ImportJob(OrgDbContext db, CounterpartyBook counterparties, ContactBook contacts, CustomFields fields, DocumentNumbers numbers,
    CustomerImporter importer, Journal journal, TimeProvider clock)
{
    public const int BatchSize = 500;

    private sealed record Row(int Number, string[] Cells);

    /// <summary>
    /// Reads the file and saves its rows in batches. A resumed import (its node stopped) skips the rows of the
    /// batches already committed — each batch commits its records and the import's <see cref="CustomerImport.Processed"/>
    /// in one transaction, so no row is imported twice and none is left out.
    /// </summary>
    public async Task RunAsync(CustomerImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var mapping = JsonSerializer.Deserialize<Dictionary<string, int>>(import.Mapping) ?? [];
        var path = importer.FileOf(import);
        var format = TableFiles.FormatOf(import.FileName)!.Value;
        var encoding = format == TableFormat.Csv && import.Encoding == TextEncoding.Auto ? await TableFiles.DetectEncodingAsync(path, cancellationToken) : import.Encoding;
        // A first pass counts the rows, so progress is a real fraction.
        var total = 0;
        await foreach (var _ in TableFiles.ReadAsync(path, format, encoding, cancellationToken))
            total++;
        import.Total = Math.Min(Math.Max(0, total - 1), CustomerImporter.MaxRows);
        await db.SaveChangesAsync(cancellationToken);

        var logins = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.NormalizedUserName ?? "", u => u.Id, cancellationToken);
        var seen = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var batch = new List<Row>();
        var number = 0;
        var done = import.Processed;
        await foreach (var cells in TableFiles.ReadAsync(path, format, encoding, cancellationToken))
        {
            number++;
            if (number == 1 || number - 1 <= done)
                continue; // the header, or a row of a batch committed before a restart
            if (number > CustomerImporter.MaxRows + 1)
                break;
            batch.Add(new Row(number, cells));
            if (batch.Count == BatchSize)
            {
                await BatchAsync(import, mapping, batch, logins, seen, cancellationToken);
                batch.Clear();
                // A committed contact is found by the next batch's query of match keys, so only the open batch's need
                // remembering: memory stays flat over a big file. (Counterparties keep theirs: the file's duplicates are
                // matched by INN alone, the database's by INN and KPP.)
                if (import.Target == "contacts")
                    seen.Clear();
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
            string CellOf(Row row, string field) => mapping.TryGetValue(field, out var i) && i >= 0 && i < row.Cells.Length ? row.Cells[i].Trim() : "";
            // The contacts already in the database that the batch's e-mails and phones match: one query a batch, not one a row.
            var known = new Dictionary<string, Guid>(StringComparer.Ordinal);
            if (import.Target == "contacts" && import.Duplicates != DuplicateMode.Create)
            {
                var keys = rows.SelectMany(r => ContactBook.MatchKeys(CellOf(r, "emails"), CellOf(r, "phones"))).Distinct(StringComparer.Ordinal).ToList();
                if (keys.Count > 0)
                {
                    foreach (var key in await db.Set<ContactMatchKey>().AsNoTracking().Where(k => keys.Contains(k.Key)).Select(k => new { k.Key, k.ContactId }).ToListAsync(cancellationToken))
                        known.TryAdd(key.Key, key.ContactId);
                }
            }

            foreach (var row in rows)
            {
                string Cell(string field) => CellOf(row, field);
                var outcome = import.Target == "contacts"
                    ? await ContactRowAsync(import, Cell, mapping, logins, seen, known, next, cancellationToken)
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
        Dictionary<string, Guid> logins, Dictionary<string, Guid> seen, Dictionary<string, Guid> known, long number, CancellationToken cancellationToken)
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
        var codes = TextLists.Items(cell("counterparties")).Select(c => c.ToUpperInvariant()).ToList();
        if (codes.Count > 0)
        {
            var visible = await counterparties.QueryAsync(CustomersRights.Counterparties.View, cancellationToken);
            foreach (var code in codes)
            {
                var id = await visible.Where(c => c.Code == code).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
                if (id is null)
                    return ('r', $"counterparties: no counterparty with the code {code}.");
                links.Add(id.Value);
            }
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
        match ??= keys.Select(k => known.TryGetValue(k, out var inDatabase) ? inDatabase : (Guid?)null).FirstOrDefault(x => x is not null);
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
        while (true)
        {
            // Resumed after a restart, the undo goes on after the last record whose batch it committed.
            var after = import.UndoCursor;
            var records = await db.Set<ImportedRecord>().AsNoTracking().Where(r => r.ImportId == import.Id && r.Id > after).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (records.Count == 0)
                break;
            foreach (var record in records)
            {
                if (import.Target == "contacts")
                {
                    var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == record.RecordId, cancellationToken);
                    if (contact is null)
                        continue;
                    if (contact.ImportId != import.Id || contact.UpdatedAt > finished)
                    {
                        import.UndoKept++;
                        continue;
                    }

                    if (record.WasCreated)
                    {
                        await contacts.StageDeleteAsync(contact, cancellationToken);
                        import.UndoDeleted++;
                    }
                    else if (JsonSerializer.Deserialize<ImportSnapshot>(record.Before!) is { Contact: { } before } snapshot)
                    {
                        var definitions = await contacts.FieldsAsync(cancellationToken);
                        await contacts.StageUpdateAsync(contact, before, Restore(definitions, snapshot), Guid.Empty, cancellationToken);
                        contact.ImportId = snapshot.ImportId;
                        import.UndoRestored++;
                    }
                }
                else
                {
                    var counterparty = await db.Set<Counterparty>().FirstOrDefaultAsync(c => c.Id == record.RecordId, cancellationToken);
                    if (counterparty is null)
                        continue;
                    if (counterparty.ImportId != import.Id || counterparty.UpdatedAt > finished)
                    {
                        import.UndoKept++;
                        continue;
                    }

                    if (record.WasCreated)
                    {
                        await counterparties.StageDeleteAsync(counterparty, cancellationToken);
                        import.UndoDeleted++;
                    }
                    else if (JsonSerializer.Deserialize<ImportSnapshot>(record.Before!) is { Counterparty: { } before } snapshot)
                    {
                        var definitions = await counterparties.FieldsAsync(cancellationToken);
                        await counterparties.StageUpdateAsync(counterparty, before, Restore(definitions, snapshot), Guid.Empty, cancellationToken);
                        counterparty.ImportId = snapshot.ImportId;
                        import.UndoRestored++;
                    }
                }
            }

            import.UndoCursor = records[^1].Id;
            await db.SaveChangesAsync(cancellationToken);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not CustomerImport).ToList())
                entry.State = EntityState.Detached;
        }

        import.Status = ImportStatus.Undone;
        journal.Add(db, new JournalEntry(CustomersJournal.ImportUndone)
        {
            Right = CustomerImporter.RightsOf(import.Target).Import, DocumentType = "import", DocumentId = import.Id.ToString(), DocumentCode = import.FileName,
            Comment = $"{import.Target}: import {import.Id} undone, {import.UndoDeleted} deleted, {import.UndoRestored} restored, {import.UndoKept} changed since and kept",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every custom field back to its value before the import (absent ones cleared).</summary>
    private static CustomFieldInput Restore(IReadOnlyList<CustomFieldDefinition> definitions, ImportSnapshot snapshot) =>
        new(definitions.ToDictionary(d => d.Key, d => (string?)snapshot.Custom.GetValueOrDefault(d.Key), StringComparer.Ordinal), new Dictionary<string, string>());
}

/// <summary>A record's values before an import changed it.</summary>
public sealed record ImportSnapshot(CounterpartyInput? Counterparty, ContactInput? Contact, IReadOnlyDictionary<string, string> Custom, Guid? ImportId);
