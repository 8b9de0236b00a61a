using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>
/// Told inside a merge's transaction that one counterparty or contact became another, so a module that links to
/// customers (deals, invoices…) moves its links and nothing points at the removed record.
/// </summary>
public interface ICustomerMergeListener
{
    Task CounterpartyMergedAsync(Guid removedId, Guid keptId, CancellationToken cancellationToken);

    Task ContactMergedAsync(Guid removedId, Guid keptId, CancellationToken cancellationToken);
}

/// <summary>
/// Creating, changing, deleting and merging counterparties, always within the user's data scope of the right the
/// action needs; every change is journaled by the save that makes it.
/// </summary>
public sealed class CounterpartyBook(OrgDbContext db, CurrentAccess access, CustomFields fields, DocumentNumbers numbers, Journal journal,
    TimeProvider clock, IEnumerable<ICustomerMergeListener> mergeListeners)
{
    private static RecordRights Rights => CustomersRights.Counterparties;

    /// <summary>Employees' departments looked up in this scope (a request, or one import).</summary>
    private readonly Dictionary<Guid, Guid?> departments = [];

    public async Task<IQueryable<Counterparty>> QueryAsync(Right right, CancellationToken cancellationToken) =>
        CustomerQueries.Counterparties(db, access.Has(right) ? await access.DataScopeAsync(right, cancellationToken) : null);

    /// <summary>The counterparty if it is within the user's scope of <paramref name="right"/>; tracked for a change.</summary>
    public async Task<Counterparty?> FindAsync(Guid id, Right right, CancellationToken cancellationToken)
    {
        var visible = await (await QueryAsync(right, cancellationToken)).AnyAsync(c => c.Id == id, cancellationToken);
        return visible ? await db.Set<Counterparty>().SingleAsync(c => c.Id == id, cancellationToken) : null;
    }

    public Task<List<BankAccount>> AccountsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<BankAccount>().AsNoTracking().Where(a => a.CounterpartyId == id).OrderBy(a => a.Account).ToListAsync(cancellationToken);

    public Task<IReadOnlyList<CustomFieldDefinition>> FieldsAsync(CancellationToken cancellationToken) =>
        fields.DefinitionsAsync(CustomersModule.CounterpartyFields, cancellationToken);

    /// <summary>Counterparties with the same INN (and KPP, when both have one: branches share the INN).</summary>
    public async Task<IReadOnlyList<DuplicateRef>> DuplicatesAsync(string? inn, string? kpp, Guid? except, CancellationToken cancellationToken)
    {
        inn = inn?.Trim();
        if (string.IsNullOrEmpty(inn))
            return [];
        var same = await db.Set<Counterparty>().AsNoTracking().Where(c => c.Inn == inn && c.Id != except)
            .Select(c => new { c.Id, c.Code, c.Name, c.Kpp }).Take(20).ToListAsync(cancellationToken);
        same = same.Where(c => string.IsNullOrEmpty(kpp) || string.IsNullOrEmpty(c.Kpp) || c.Kpp == kpp.Trim()).ToList();
        if (same.Count == 0)
            return [];
        var ids = same.Select(c => c.Id).ToList();
        var visible = (await (await QueryAsync(Rights.View, cancellationToken)).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        // One not visible to the user is named by its code only: that it exists is what the warning needs.
        return same.Select(c => new DuplicateRef(c.Id, c.Code, visible.Contains(c.Id) ? c.Name : "", visible.Contains(c.Id), "INN")).ToList();
    }

    /// <summary>Checks the input; the problems by field name (PascalCase, as in <see cref="CounterpartyInput"/>).</summary>
    public async Task<(Dictionary<string, string> Errors, CustomFieldInput Custom)> ValidateAsync(CounterpartyInput input, bool complete,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Check(string field, string? value, int max)
        {
            if (value?.Trim().Length > max)
                errors[field] = $"At most {max} characters.";
        }

        if (string.IsNullOrWhiteSpace(input.Name))
            errors[nameof(input.Name)] = "The name is required.";
        Check(nameof(input.Name), input.Name, Counterparty.NameMaxLength);
        Check(nameof(input.FullName), input.FullName, Counterparty.FullNameMaxLength);
        Check(nameof(input.LegalAddress), input.LegalAddress, Counterparty.AddressMaxLength);
        Check(nameof(input.PostalAddress), input.PostalAddress, Counterparty.AddressMaxLength);
        Check(nameof(input.Phones), input.Phones, Counterparty.ListMaxLength);
        Check(nameof(input.Emails), input.Emails, Counterparty.ListMaxLength);
        Check(nameof(input.Website), input.Website, 300);
        Check(nameof(input.Tags), input.Tags, Counterparty.ListMaxLength);
        Check(nameof(input.Notes), input.Notes, Counterparty.NotesMaxLength);
        if (!Enum.IsDefined(input.Kind))
            errors[nameof(input.Kind)] = "The kind is legal, sole or person.";
        if (!string.IsNullOrWhiteSpace(input.Inn) && Requisites.InnProblem(input.Inn.Trim(), input.Kind) is { } innProblem)
            errors[nameof(input.Inn)] = innProblem;
        if (!string.IsNullOrWhiteSpace(input.Kpp))
        {
            if (input.Kind != CounterpartyKind.Legal)
                errors[nameof(input.Kpp)] = "Only an organization has a KPP.";
            else if (Requisites.KppProblem(input.Kpp.Trim()) is { } kppProblem)
                errors[nameof(input.Kpp)] = kppProblem;
        }

        if (!string.IsNullOrWhiteSpace(input.Ogrn))
        {
            if (input.Kind == CounterpartyKind.Person)
                errors[nameof(input.Ogrn)] = "A private person has no OGRN.";
            else if (Requisites.OgrnProblem(input.Ogrn.Trim(), input.Kind) is { } ogrnProblem)
                errors[nameof(input.Ogrn)] = ogrnProblem;
        }

        foreach (var email in TextLists.Items(input.Emails))
        {
            if (!TextLists.LooksLikeEmail(email))
                errors[nameof(input.Emails)] = "Not an e-mail address: " + email;
        }

        foreach (var (account, i) in (input.BankAccounts ?? []).Select((a, i) => (a, i)))
        {
            var problem = Requisites.BikProblem(account.Bik?.Trim() ?? "") ?? Requisites.AccountProblem(account.Account?.Trim() ?? "", account.Bik?.Trim() ?? "");
            if (problem is not null)
                errors[$"BankAccounts[{i}]"] = problem;
        }

        await CustomerChecks.ResponsibleAsync(db, input.ResponsibleId, input.DepartmentId, errors, cancellationToken);
        var custom = CustomFields.Validate(await FieldsAsync(cancellationToken), input.CustomFields ?? new Dictionary<string, string?>(), complete);
        foreach (var (key, problem) in custom.Errors)
            errors[CustomFields.FormPrefix + key] = problem;
        return (errors, custom);
    }

    public async Task<SaveResult<Counterparty>> CreateAsync(CounterpartyInput input, bool allowDuplicate, CancellationToken cancellationToken,
        Guid? importId = null)
    {
        var (errors, custom) = await ValidateAsync(input, complete: true, cancellationToken);
        if (errors.Count > 0)
            return SaveResult.Invalid<Counterparty>(errors);
        if (!allowDuplicate && await DuplicatesAsync(input.Inn, input.Kpp, null, cancellationToken) is { Count: > 0 } duplicates)
            return SaveResult.Duplicated<Counterparty>(duplicates);
        var number = await numbers.NextAsync(Counterparty.Sequence, cancellationToken);
        var now = clock.GetUtcNow();
        var counterparty = new Counterparty
        {
            Id = Guid.CreateVersion7(), Number = number, Code = DocumentNumbers.Format(Counterparty.CodePrefix, number),
            CreatedAt = now, CreatedById = access.UserId, ImportId = importId,
        };
        await ApplyAsync(counterparty, input, custom, cancellationToken);
        db.Add(counterparty);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Ok(counterparty);
    }

    /// <summary>Stages a new counterparty without saving (an import saves many in one transaction).</summary>
    internal async Task<Counterparty> StageNewAsync(CounterpartyInput input, CustomFieldInput custom, long number, Guid importId, CancellationToken cancellationToken)
    {
        var counterparty = new Counterparty
        {
            Id = Guid.CreateVersion7(), Number = number, Code = DocumentNumbers.Format(Counterparty.CodePrefix, number),
            CreatedAt = clock.GetUtcNow(), CreatedById = access.UserId, ImportId = importId,
        };
        await ApplyAsync(counterparty, input, custom, cancellationToken);
        db.Add(counterparty);
        return counterparty;
    }

    internal Task StageUpdateAsync(Counterparty counterparty, CounterpartyInput input, CustomFieldInput custom, Guid importId, CancellationToken cancellationToken)
    {
        counterparty.ImportId = importId;
        return ApplyAsync(counterparty, input, custom, cancellationToken);
    }

    public async Task<SaveResult<Counterparty>> UpdateAsync(Guid id, CounterpartyInput input, CancellationToken cancellationToken)
    {
        var counterparty = await FindAsync(id, Rights.Edit, cancellationToken);
        if (counterparty is null)
            return SaveResult.NotFound<Counterparty>();
        var (errors, custom) = await ValidateAsync(input, complete: false, cancellationToken);
        if (errors.Count > 0)
            return SaveResult.Invalid<Counterparty>(errors);
        await ApplyAsync(counterparty, input, custom, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Ok(counterparty);
    }

    private async Task ApplyAsync(Counterparty c, CounterpartyInput input, CustomFieldInput custom, CancellationToken cancellationToken)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        c.Kind = input.Kind;
        c.Name = input.Name!.Trim();
        c.FullName = Clean(input.FullName);
        c.Inn = Clean(input.Inn);
        c.Kpp = Clean(input.Kpp);
        c.Ogrn = Clean(input.Ogrn);
        c.LegalAddress = Clean(input.LegalAddress);
        c.PostalAddress = Clean(input.PostalAddress);
        c.Phones = TextLists.Lines(input.Phones);
        c.Emails = TextLists.Lines(input.Emails);
        c.Website = Clean(input.Website);
        c.Tags = TextLists.Tags(input.Tags);
        c.Notes = Clean(input.Notes);
        (c.ResponsibleId, c.DepartmentId) = await CustomerChecks.OwnerAsync(db, access, input.ResponsibleId, input.DepartmentId, departments, cancellationToken);
        c.UpdatedAt = clock.GetUtcNow();
        c.SearchText = SearchText.For(c);
        if (input.BankAccounts is { } accounts)
        {
            var existing = await db.Set<BankAccount>().Where(a => a.CounterpartyId == c.Id).ToListAsync(cancellationToken);
            var wanted = accounts.Select(a => (Bik: a.Bik!.Trim(), Account: a.Account!.Trim(), Bank: Clean(a.BankName))).Distinct().ToList();
            foreach (var gone in existing.Where(e => !wanted.Any(w => w.Bik == e.Bik && w.Account == e.Account)))
                db.Remove(gone);
            foreach (var (bik, account, bank) in wanted)
            {
                var same = existing.FirstOrDefault(e => e.Bik == bik && e.Account == account);
                if (same is null)
                    db.Add(new BankAccount { Id = Guid.CreateVersion7(), CounterpartyId = c.Id, Bik = bik, Account = account, BankName = bank });
                else
                    same.BankName = bank;
            }
        }

        await fields.StageAsync(CustomersModule.CounterpartyFields, c.Id, await FieldsAsync(cancellationToken), custom.Values, cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var counterparty = await FindAsync(id, Rights.Delete, cancellationToken);
        if (counterparty is null)
            return false;
        await StageDeleteAsync(counterparty, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Removes the record with its accounts, links and custom values, each removal journaled.</summary>
    internal async Task StageDeleteAsync(Counterparty counterparty, CancellationToken cancellationToken)
    {
        db.RemoveRange(await db.Set<BankAccount>().Where(a => a.CounterpartyId == counterparty.Id).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<ContactLink>().Where(l => l.CounterpartyId == counterparty.Id).ToListAsync(cancellationToken));
        await fields.RemoveAllAsync(counterparty.Id, cancellationToken);
        db.Remove(counterparty);
    }

    /// <summary>
    /// Merges <paramref name="removedId"/> into <paramref name="keptId"/>: the kept record gets the fields it lacks,
    /// the other's bank accounts, contacts, custom values and other modules' links; the other is deleted. Both must be
    /// within the user's edit scope (and the removed one within the delete scope).
    /// </summary>
    public async Task<SaveOutcome> MergeAsync(Guid keptId, Guid removedId, CancellationToken cancellationToken)
    {
        if (keptId == removedId)
            return SaveOutcome.Invalid;
        var kept = await FindAsync(keptId, Rights.Edit, cancellationToken);
        var removed = await FindAsync(removedId, Rights.Edit, cancellationToken);
        if (kept is null || removed is null || await FindAsync(removedId, Rights.Delete, cancellationToken) is null)
            return SaveOutcome.NotFound;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        kept.FullName ??= removed.FullName;
        kept.Inn ??= removed.Inn;
        kept.Kpp ??= removed.Kpp;
        kept.Ogrn ??= removed.Ogrn;
        kept.LegalAddress ??= removed.LegalAddress;
        kept.PostalAddress ??= removed.PostalAddress;
        kept.Website ??= removed.Website;
        kept.Phones = TextLists.Lines(kept.Phones + "\n" + removed.Phones);
        kept.Emails = TextLists.Lines(kept.Emails + "\n" + removed.Emails);
        kept.Tags = TextLists.Tags(kept.Tags + "," + removed.Tags);
        kept.Notes = string.IsNullOrEmpty(removed.Notes) ? kept.Notes : string.IsNullOrEmpty(kept.Notes) ? removed.Notes : kept.Notes + "\n\n" + removed.Notes;
        kept.UpdatedAt = clock.GetUtcNow();
        kept.SearchText = SearchText.For(kept);

        var keptAccounts = await db.Set<BankAccount>().Where(a => a.CounterpartyId == keptId).ToListAsync(cancellationToken);
        foreach (var account in await db.Set<BankAccount>().Where(a => a.CounterpartyId == removedId).ToListAsync(cancellationToken))
        {
            db.Remove(account);
            if (!keptAccounts.Any(k => k.Bik == account.Bik && k.Account == account.Account))
                db.Add(new BankAccount { Id = Guid.CreateVersion7(), CounterpartyId = keptId, Bik = account.Bik, Account = account.Account, BankName = account.BankName });
        }

        var keptContacts = await db.Set<ContactLink>().Where(l => l.CounterpartyId == keptId).Select(l => l.ContactId).ToListAsync(cancellationToken);
        foreach (var link in await db.Set<ContactLink>().Where(l => l.CounterpartyId == removedId).ToListAsync(cancellationToken))
        {
            db.Remove(link);
            if (!keptContacts.Contains(link.ContactId))
                db.Add(new ContactLink { Id = Guid.CreateVersion7(), ContactId = link.ContactId, CounterpartyId = keptId });
        }

        await CustomerChecks.MergeCustomValuesAsync(db, keptId, removedId, cancellationToken);
        journal.Add(db, new JournalEntry(CustomersJournal.CounterpartyMerged)
        {
            DocumentType = CustomersJournal.CounterpartyDocument, DocumentId = keptId.ToString(), DocumentCode = $"{kept.Code} {kept.Name}",
            Comment = $"{removed.Code} {removed.Name} → {kept.Code}",
        });
        await db.SaveChangesAsync(cancellationToken);
        foreach (var listener in mergeListeners)
            await listener.CounterpartyMergedAsync(removedId, keptId, cancellationToken);
        db.Remove(removed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }
}

/// <summary>Checks shared by counterparties and contacts.</summary>
internal static class CustomerChecks
{
    public static async Task ResponsibleAsync(OrgDbContext db, Guid? responsibleId, Guid? departmentId, Dictionary<string, string> errors,
        CancellationToken cancellationToken)
    {
        if (responsibleId is { } r && !await db.Users.AnyAsync(u => u.Id == r && !u.IsDisabled, cancellationToken))
            errors["ResponsibleId"] = "No such employee.";
        if (departmentId is { } d && !await db.Set<Department>().AnyAsync(x => x.Id == d, cancellationToken))
            errors["DepartmentId"] = "No such department.";
    }

    /// <summary>
    /// The responsible (the current user by default) and the department (the responsible's by default). The
    /// departments already looked up in this scope are in <paramref name="departments"/>: an import of many rows for
    /// one responsible asks the database once, not once a row.
    /// </summary>
    public static async Task<(Guid, Guid?)> OwnerAsync(OrgDbContext db, CurrentAccess access, Guid? responsibleId, Guid? departmentId,
        Dictionary<Guid, Guid?> departments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(departments);
        var responsible = responsibleId ?? access.UserId ?? throw new InvalidOperationException("A record needs a responsible employee.");
        if (departmentId is { } given)
            return (responsible, given);
        if (!departments.TryGetValue(responsible, out var department))
            departments[responsible] = department = await db.Users.Where(u => u.Id == responsible).Select(u => u.DepartmentId).FirstOrDefaultAsync(cancellationToken);
        return (responsible, department);
    }

    /// <summary>The removed record's custom values go to the kept one where it has none of that field.</summary>
    public static async Task MergeCustomValuesAsync(OrgDbContext db, Guid keptId, Guid removedId, CancellationToken cancellationToken)
    {
        var keptFields = await db.Set<CustomFieldValue>().Where(v => v.RecordId == keptId).Select(v => v.FieldId).ToListAsync(cancellationToken);
        foreach (var value in await db.Set<CustomFieldValue>().Where(v => v.RecordId == removedId).ToListAsync(cancellationToken))
        {
            db.Remove(value);
            if (!keptFields.Contains(value.FieldId))
                db.Add(new CustomFieldValue { Id = Guid.CreateVersion7(), FieldId = value.FieldId, EntityType = value.EntityType, RecordId = keptId, Value = value.Value, Number = value.Number });
        }
    }
}
