using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>
/// Creating, changing, deleting and merging contacts within the user's data scope; personal fields of a contact who
/// withdrew consent are hidden from (and cannot be changed by) anyone without <c>customers.personal_data</c>.
/// </summary>
public sealed class ContactBook(OrgDbContext db, CurrentAccess access, CustomFields fields, DocumentNumbers numbers, Journal journal,
    TimeProvider clock, IEnumerable<ICustomerMergeListener> mergeListeners)
{
    private static RecordRights Rights => CustomersRights.Contacts;

    /// <summary>Employees' departments looked up in this scope (a request, or one import).</summary>
    private readonly Dictionary<Guid, Guid?> departments = [];

    public async Task<IQueryable<Contact>> QueryAsync(Right right, CancellationToken cancellationToken) =>
        CustomerQueries.Contacts(db, access.Has(right) ? await access.DataScopeAsync(right, cancellationToken) : null);

    /// <summary>A page of the list as the list page shows it: unfiltered through a compiled query of its shape, filtered built afresh.</summary>
    public async Task<ListPage<Contact>> ListPageAsync(CustomerLists lists, ListQuery list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(list);
        if (access.Has(Rights.View) && ContactPages.Serves(list))
            return await ContactPages.PageAsync(db, await access.DataScopeAsync(Rights.View, cancellationToken), list, cancellationToken);
        return await CustomerLists.PageAsync(await lists.FilterAsync(await QueryAsync(Rights.View, cancellationToken), list, cancellationToken),
            list, cancellationToken, CustomerLists.ContactRow);
    }

    public async Task<Contact?> FindAsync(Guid id, Right right, CancellationToken cancellationToken)
    {
        var visible = await (await QueryAsync(right, cancellationToken)).AnyAsync(c => c.Id == id, cancellationToken);
        return visible ? await db.Set<Contact>().SingleAsync(c => c.Id == id, cancellationToken) : null;
    }

    /// <summary>Whether the user sees this contact's personal fields.</summary>
    public bool SeesPersonalData(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return !contact.ConsentWithdrawn || access.Has(CustomersRights.PersonalData);
    }

    /// <summary>A detached copy with the personal fields blanked where the user may not see them (for display and export).</summary>
    public Contact Shown(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (SeesPersonalData(contact))
            return contact;
        return new Contact
        {
            Id = contact.Id, Number = contact.Number, Code = contact.Code, Surname = contact.Surname, Name = contact.Name, Patronymic = contact.Patronymic,
            Position = contact.Position, ResponsibleId = contact.ResponsibleId, DepartmentId = contact.DepartmentId, Tags = contact.Tags, Notes = contact.Notes,
            ConsentDate = contact.ConsentDate, ConsentPurpose = contact.ConsentPurpose, ConsentMethod = contact.ConsentMethod,
            ConsentWithdrawnDate = contact.ConsentWithdrawnDate, CreatedAt = contact.CreatedAt, UpdatedAt = contact.UpdatedAt, ImportId = contact.ImportId,
        };
    }

    /// <summary>The counterparties the contact works for, as far as the user may see them.</summary>
    public async Task<List<CustomerRef>> CounterpartiesOfAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var scope = CustomerQueries.Counterparties(db, access.Has(CustomersRights.Counterparties.View)
            ? await access.DataScopeAsync(CustomersRights.Counterparties.View, cancellationToken) : null);
        return (await (from l in db.Set<ContactLink>().AsNoTracking()
                       join c in scope on l.CounterpartyId equals c.Id
                       where l.ContactId == contactId
                       orderby c.Name
                       select new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new CustomerRef(c.Id, c.Code, c.Name) { Url = "/customers/counterparties/" + c.Id }).ToList();
    }

    public Task<IReadOnlyList<CustomFieldDefinition>> FieldsAsync(CancellationToken cancellationToken) =>
        fields.DefinitionsAsync(CustomersModule.ContactFields, cancellationToken);

    /// <summary>The match keys of a contact: each e-mail (lower case) and each phone (digits).</summary>
    public static IReadOnlyList<string> MatchKeys(string? emails, string? phones) =>
        TextLists.Items(emails).Select(e => "email:" + e.ToLowerInvariant())
            .Concat(TextLists.Items(phones).Select(TextLists.PhoneKey).OfType<string>().Select(p => "phone:" + p))
            .Where(k => k.Length <= ContactMatchKey.KeyMaxLength).Distinct(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<DuplicateRef>> DuplicatesAsync(string? emails, string? phones, Guid? except, CancellationToken cancellationToken)
    {
        var keys = MatchKeys(emails, phones);
        if (keys.Count == 0)
            return [];
        var same = await (from k in db.Set<ContactMatchKey>().AsNoTracking()
                          join c in db.Set<Contact>() on k.ContactId equals c.Id
                          where keys.Contains(k.Key) && c.Id != except
                          select new { c.Id, c.Code, c.Surname, c.Name, k.Key }).Take(20).ToListAsync(cancellationToken);
        if (same.Count == 0)
            return [];
        var ids = same.Select(c => c.Id).Distinct().ToList();
        var visible = (await (await QueryAsync(Rights.View, cancellationToken)).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        return same.GroupBy(c => c.Id).Select(g => g.First()).Select(c => new DuplicateRef(c.Id, c.Code,
            visible.Contains(c.Id) ? $"{c.Surname} {c.Name}".Trim() : "", visible.Contains(c.Id),
            c.Key.StartsWith("email:", StringComparison.Ordinal) ? "E-mail" : "Phone")).ToList();
    }

    public async Task<(Dictionary<string, string> Errors, CustomFieldInput Custom)> ValidateAsync(ContactInput input, bool complete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Check(string field, string? value, int max)
        {
            if (value?.Trim().Length > max)
                errors[field] = $"At most {max} characters.";
        }

        if (string.IsNullOrWhiteSpace(input.Surname))
            errors[nameof(input.Surname)] = "The surname is required.";
        Check(nameof(input.Surname), input.Surname, Contact.NamePartMaxLength);
        Check(nameof(input.Name), input.Name, Contact.NamePartMaxLength);
        Check(nameof(input.Patronymic), input.Patronymic, Contact.NamePartMaxLength);
        Check(nameof(input.Position), input.Position, 200);
        Check(nameof(input.Phones), input.Phones, Counterparty.ListMaxLength);
        Check(nameof(input.Emails), input.Emails, Counterparty.ListMaxLength);
        Check(nameof(input.Messengers), input.Messengers, Counterparty.ListMaxLength);
        Check(nameof(input.Tags), input.Tags, Counterparty.ListMaxLength);
        Check(nameof(input.Notes), input.Notes, Counterparty.NotesMaxLength);
        Check(nameof(input.ConsentPurpose), input.ConsentPurpose, 1000);
        Check(nameof(input.ConsentMethod), input.ConsentMethod, 300);
        foreach (var email in TextLists.Items(input.Emails))
        {
            if (!TextLists.LooksLikeEmail(email))
                errors[nameof(input.Emails)] = "Not an e-mail address: " + email;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (input.Birthday is { } birthday && (birthday > today || birthday.Year < 1900))
            errors[nameof(input.Birthday)] = "The birthday is not a real date of birth.";
        if (input.ConsentDate is not null && string.IsNullOrWhiteSpace(input.ConsentPurpose))
            errors[nameof(input.ConsentPurpose)] = "A consent names its purpose.";
        if (input.ConsentWithdrawnDate is { } withdrawn && (input.ConsentDate is not { } given || withdrawn < given))
            errors[nameof(input.ConsentWithdrawnDate)] = "A consent is withdrawn after it was given.";

        if (input.CounterpartyIds is { Count: > 0 } ids)
        {
            var wanted = ids.Distinct().ToList();
            var scope = CustomerQueries.Counterparties(db, access.Has(CustomersRights.Counterparties.View)
                ? await access.DataScopeAsync(CustomersRights.Counterparties.View, cancellationToken) : null);
            // A counterparty the user may not see is as absent as one that does not exist.
            if (await scope.CountAsync(c => wanted.Contains(c.Id), cancellationToken) != wanted.Count)
                errors[nameof(input.CounterpartyIds)] = "No such counterparty.";
        }

        await CustomerChecks.ResponsibleAsync(db, input.ResponsibleId, input.DepartmentId, errors, cancellationToken);
        var custom = CustomFields.Validate(await FieldsAsync(cancellationToken), input.CustomFields ?? new Dictionary<string, string?>(), complete);
        foreach (var (key, problem) in custom.Errors)
            errors[CustomFields.FormPrefix + key] = problem;
        return (errors, custom);
    }

    public async Task<SaveResult<Contact>> CreateAsync(ContactInput input, bool allowDuplicate, CancellationToken cancellationToken)
    {
        var (errors, custom) = await ValidateAsync(input, complete: true, cancellationToken);
        if (errors.Count > 0)
            return SaveResult.Invalid<Contact>(errors);
        if (!allowDuplicate && await DuplicatesAsync(input.Emails, input.Phones, null, cancellationToken) is { Count: > 0 } duplicates)
            return SaveResult.Duplicated<Contact>(duplicates);
        var number = await numbers.NextAsync(Contact.Sequence, cancellationToken);
        var contact = await StageNewAsync(input, custom, number, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Ok(contact);
    }

    internal async Task<Contact> StageNewAsync(ContactInput input, CustomFieldInput custom, long number, Guid? importId, CancellationToken cancellationToken)
    {
        var contact = new Contact
        {
            Id = Guid.CreateVersion7(), Number = number, Code = DocumentNumbers.Format(Contact.CodePrefix, number),
            CreatedAt = clock.GetUtcNow(), CreatedById = access.UserId, ImportId = importId,
        };
        await ApplyAsync(contact, input, custom, isNew: true, cancellationToken);
        db.Add(contact);
        return contact;
    }

    internal Task StageUpdateAsync(Contact contact, ContactInput input, CustomFieldInput custom, Guid importId, CancellationToken cancellationToken)
    {
        contact.ImportId = importId;
        return ApplyAsync(contact, input, custom, isNew: false, cancellationToken);
    }

    public async Task<SaveResult<Contact>> UpdateAsync(Guid id, ContactInput input, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(id, Rights.Edit, cancellationToken);
        if (contact is null)
            return SaveResult.NotFound<Contact>();
        var (errors, custom) = await ValidateAsync(input, complete: false, cancellationToken);
        if (errors.Count > 0)
            return SaveResult.Invalid<Contact>(errors);
        await ApplyAsync(contact, input, custom, isNew: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Ok(contact);
    }

    private async Task ApplyAsync(Contact c, ContactInput input, CustomFieldInput custom, bool isNew, CancellationToken cancellationToken)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        // Hidden personal fields were not shown to this user, so what they sent for them is not a change.
        var personal = isNew || SeesPersonalData(c);
        c.Surname = input.Surname!.Trim();
        c.Name = Clean(input.Name);
        c.Patronymic = Clean(input.Patronymic);
        c.Position = Clean(input.Position);
        if (personal)
        {
            c.Phones = TextLists.Lines(input.Phones);
            c.Emails = TextLists.Lines(input.Emails);
            c.Messengers = TextLists.Lines(input.Messengers, commasSeparate: false);
            c.Birthday = input.Birthday;
        }

        c.Tags = TextLists.Tags(input.Tags);
        c.Notes = Clean(input.Notes);
        c.ConsentDate = input.ConsentDate;
        c.ConsentPurpose = Clean(input.ConsentPurpose);
        c.ConsentMethod = Clean(input.ConsentMethod);
        c.ConsentWithdrawnDate = input.ConsentWithdrawnDate;
        (c.ResponsibleId, c.DepartmentId) = await CustomerChecks.OwnerAsync(db, access, input.ResponsibleId, input.DepartmentId, departments, cancellationToken);
        c.UpdatedAt = clock.GetUtcNow();
        c.SearchText = SearchText.For(c);

        var keys = MatchKeys(c.Emails, c.Phones);
        var existingKeys = isNew ? [] : await db.Set<ContactMatchKey>().Where(k => k.ContactId == c.Id).ToListAsync(cancellationToken);
        db.RemoveRange(existingKeys.Where(k => !keys.Contains(k.Key)));
        foreach (var key in keys.Where(k => existingKeys.All(e => e.Key != k)))
            db.Add(new ContactMatchKey { ContactId = c.Id, Key = key });

        if (input.CounterpartyIds is { } wanted)
        {
            var links = isNew ? [] : await db.Set<ContactLink>().Where(l => l.ContactId == c.Id).ToListAsync(cancellationToken);
            // Links to counterparties the user cannot see stay: they were not shown, so not meant to be removed.
            var visible = (await VisibleCounterpartiesAsync(links.Select(l => l.CounterpartyId).ToList(), cancellationToken)).ToHashSet();
            db.RemoveRange(links.Where(l => visible.Contains(l.CounterpartyId) && !wanted.Contains(l.CounterpartyId)));
            foreach (var id in wanted.Distinct().Where(id => links.All(l => l.CounterpartyId != id)))
                db.Add(new ContactLink { Id = Guid.CreateVersion7(), ContactId = c.Id, CounterpartyId = id });
        }

        await fields.StageAsync(CustomersModule.ContactFields, c.Id, await FieldsAsync(cancellationToken), custom.Values, cancellationToken);
    }

    private async Task<List<Guid>> VisibleCounterpartiesAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var scope = CustomerQueries.Counterparties(db, access.Has(CustomersRights.Counterparties.View)
            ? await access.DataScopeAsync(CustomersRights.Counterparties.View, cancellationToken) : null);
        return await scope.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(id, Rights.Delete, cancellationToken);
        if (contact is null)
            return false;
        await StageDeleteAsync(contact, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    internal async Task StageDeleteAsync(Contact contact, CancellationToken cancellationToken)
    {
        db.RemoveRange(await db.Set<ContactLink>().Where(l => l.ContactId == contact.Id).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<ContactMatchKey>().Where(l => l.ContactId == contact.Id).ToListAsync(cancellationToken));
        await fields.RemoveAllAsync(contact.Id, cancellationToken);
        db.Remove(contact);
    }

    /// <summary>Merges <paramref name="removedId"/> into <paramref name="keptId"/>, keeping every link of both.</summary>
    public async Task<SaveOutcome> MergeAsync(Guid keptId, Guid removedId, CancellationToken cancellationToken)
    {
        if (keptId == removedId)
            return SaveOutcome.Invalid;
        var kept = await FindAsync(keptId, Rights.Edit, cancellationToken);
        var removed = await FindAsync(removedId, Rights.Edit, cancellationToken);
        if (kept is null || removed is null || await FindAsync(removedId, Rights.Delete, cancellationToken) is null)
            return SaveOutcome.NotFound;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        kept.Name ??= removed.Name;
        kept.Patronymic ??= removed.Patronymic;
        kept.Position ??= removed.Position;
        kept.Birthday ??= removed.Birthday;
        kept.Phones = TextLists.Lines(kept.Phones + "\n" + removed.Phones);
        kept.Emails = TextLists.Lines(kept.Emails + "\n" + removed.Emails);
        kept.Messengers = TextLists.Lines(kept.Messengers + "\n" + removed.Messengers, commasSeparate: false);
        kept.Tags = TextLists.Tags(kept.Tags + "," + removed.Tags);
        kept.Notes = string.IsNullOrEmpty(removed.Notes) ? kept.Notes : string.IsNullOrEmpty(kept.Notes) ? removed.Notes : kept.Notes + "\n\n" + removed.Notes;
        if (kept.ConsentDate is null && removed.ConsentDate is not null)
        {
            (kept.ConsentDate, kept.ConsentPurpose, kept.ConsentMethod, kept.ConsentWithdrawnDate) =
                (removed.ConsentDate, removed.ConsentPurpose, removed.ConsentMethod, removed.ConsentWithdrawnDate);
        }

        kept.UpdatedAt = clock.GetUtcNow();
        kept.SearchText = SearchText.For(kept);
        var keptLinks = await db.Set<ContactLink>().Where(l => l.ContactId == keptId).Select(l => l.CounterpartyId).ToListAsync(cancellationToken);
        foreach (var link in await db.Set<ContactLink>().Where(l => l.ContactId == removedId).ToListAsync(cancellationToken))
        {
            db.Remove(link);
            if (!keptLinks.Contains(link.CounterpartyId))
                db.Add(new ContactLink { Id = Guid.CreateVersion7(), ContactId = keptId, CounterpartyId = link.CounterpartyId });
        }

        db.RemoveRange(await db.Set<ContactMatchKey>().Where(k => k.ContactId == removedId || k.ContactId == keptId).ToListAsync(cancellationToken));
        foreach (var key in MatchKeys(kept.Emails, kept.Phones))
            db.Add(new ContactMatchKey { ContactId = keptId, Key = key });
        await CustomerChecks.MergeCustomValuesAsync(db, keptId, removedId, cancellationToken);
        journal.Add(db, new JournalEntry(CustomersJournal.ContactMerged)
        {
            DocumentType = CustomersJournal.ContactDocument, DocumentId = keptId.ToString(), DocumentCode = $"{kept.Code} {kept.FullName}",
            Comment = $"{removed.Code} {removed.FullName} → {kept.Code}",
        });
        await db.SaveChangesAsync(cancellationToken);
        foreach (var listener in mergeListeners)
            await listener.ContactMergedAsync(removedId, keptId, cancellationToken);
        db.Remove(removed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }
}
