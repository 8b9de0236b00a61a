using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>What the journal records of the customer base, each in the transaction of its change.</summary>
public sealed class CustomersJournal : IJournalActions
{
    public const string Module = "customers";
    public const string CounterpartyDocument = "counterparty";
    public const string ContactDocument = "contact";

    public static readonly JournalAction CounterpartyCreated = new("counterparty.created", Module, new LocalizedText("Контрагент создан", "Counterparty created"));
    public static readonly JournalAction CounterpartyChanged = new("counterparty.changed", Module, new LocalizedText("Контрагент изменён", "Counterparty changed"));
    public static readonly JournalAction CounterpartyDeleted = new("counterparty.deleted", Module, new LocalizedText("Контрагент удалён", "Counterparty deleted"));
    public static readonly JournalAction CounterpartyMerged = new("counterparty.merged", Module, new LocalizedText("Контрагенты объединены", "Counterparties merged"));
    public static readonly JournalAction BankAccountsChanged = new("counterparty.bank_accounts.changed", Module, new LocalizedText("Банковские счета изменены", "Bank accounts changed"));
    public static readonly JournalAction ContactCreated = new("contact.created", Module, new LocalizedText("Контакт создан", "Contact created"));
    public static readonly JournalAction ContactChanged = new("contact.changed", Module, new LocalizedText("Контакт изменён", "Contact changed"));
    public static readonly JournalAction ContactDeleted = new("contact.deleted", Module, new LocalizedText("Контакт удалён", "Contact deleted"));
    public static readonly JournalAction ContactMerged = new("contact.merged", Module, new LocalizedText("Контакты объединены", "Contacts merged"));
    public static readonly JournalAction ConsentWithdrawn = new("contact.consent.withdrawn", Module, new LocalizedText("Согласие на обработку ПДн отозвано", "Personal-data consent withdrawn"));
    public static readonly JournalAction ContactLinked = new("contact.linked", Module, new LocalizedText("Контакт привязан к контрагенту", "Contact linked to a counterparty"));
    public static readonly JournalAction ContactUnlinked = new("contact.unlinked", Module, new LocalizedText("Контакт отвязан от контрагента", "Contact unlinked from a counterparty"));
    public static readonly JournalAction Imported = new("customers.imported", Module, new LocalizedText("Импорт выполнен", "Import done"));
    public static readonly JournalAction ImportUndone = new("customers.import.undone", Module, new LocalizedText("Импорт отменён", "Import undone"));
    public static readonly JournalAction Exported = new("customers.exported", Module, new LocalizedText("Список выгружен", "List exported"));

    IEnumerable<JournalAction> IJournalActions.Actions =>
    [
        CounterpartyCreated, CounterpartyChanged, CounterpartyDeleted, CounterpartyMerged, BankAccountsChanged,
        ContactCreated, ContactChanged, ContactDeleted, ContactMerged, ConsentWithdrawn, ContactLinked, ContactUnlinked,
        Imported, ImportUndone, Exported,
    ];

    private static readonly string[] Bookkeeping = ["Id", "Number", "CreatedAt", "CreatedById", "UpdatedAt", "SearchText"];

    public static IServiceCollection AddCustomersJournal(IServiceCollection services) => services
        .AddJournalActions<CustomersJournal>()
        .AddJournaled<Counterparty>(j => j
            .Records(CounterpartyCreated, CounterpartyChanged, CounterpartyDeleted)
            .Document(CounterpartyDocument, c => c.Id.ToString(), (c, _) => $"{c.Code} {c.Name}")
            .AffectsUser(c => c.ResponsibleId)
            .Ignore(Bookkeeping))
        .AddJournaled<BankAccount>(j => j
            .Records(BankAccountsChanged, BankAccountsChanged, BankAccountsChanged)
            .Document(CounterpartyDocument, a => a.CounterpartyId.ToString(), (a, db) => CounterpartyCode(db, a.CounterpartyId))
            .Ignore("Id", "CounterpartyId"))
        .AddJournaled<Contact>(j => j
            .Records(ContactCreated, ContactChanged, ContactDeleted)
            .ChangedAs(e => e.Property(nameof(Contact.ConsentWithdrawnDate)) is { IsModified: true } p && p.OriginalValue is null && p.CurrentValue is not null
                ? ConsentWithdrawn : null, ConsentWithdrawn)
            .Document(ContactDocument, c => c.Id.ToString(), (c, _) => $"{c.Code} {c.FullName}")
            .AffectsUser(c => c.ResponsibleId)
            .PersonalData(nameof(Contact.Phones), nameof(Contact.Emails), nameof(Contact.Messengers), nameof(Contact.Birthday))
            .Ignore(Bookkeeping))
        // A link belongs to the contact's history; the counterparty is named in the change.
        .AddJournaled<ContactLink>(j => j
            .Records(ContactLinked, null, ContactUnlinked)
            .Document(ContactDocument, l => l.ContactId.ToString(), (l, db) => ContactCode(db, l.ContactId))
            .Ignore("Id", "ContactId"));

    internal static string? CounterpartyCode(DbContext db, Guid id) => db.Find<Counterparty>(id) is { } c ? $"{c.Code} {c.Name}" : null;

    internal static string? ContactCode(DbContext db, Guid id) => db.Find<Contact>(id) is { } c ? $"{c.Code} {c.FullName}" : null;
}
