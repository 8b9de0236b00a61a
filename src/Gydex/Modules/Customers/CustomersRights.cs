using Gydex.Kernel.Access;

namespace Gydex.Modules.Customers;

/// <summary>The rights over one kind of customer record: seeing, changing and moving it in and out in bulk.</summary>
public sealed class RecordRights
{
    internal RecordRights(string prefix, LocalizedText many, string helpChapter)
    {
        View = new($"{prefix}.view", CustomersRights.Module, new($"{many.Ru}: просмотр", $"{many.En}: view"),
            new("Видеть записи (свои, своего отдела или все) в списках, поиске и карточках.",
                "See the records (own, of one's department, or all) in lists, search and record pages."),
            hasScope: true, helpChapter: helpChapter);
        Create = new($"{prefix}.create", CustomersRights.Module, new($"{many.Ru}: создание", $"{many.En}: create"),
            new("Заводить новые записи.", "Add new records."), helpChapter: helpChapter);
        Edit = new($"{prefix}.edit", CustomersRights.Module, new($"{many.Ru}: изменение", $"{many.En}: edit"),
            new("Менять записи в пределах области, назначать ответственного, ставить метки, объединять дубликаты.",
                "Change records within the scope, assign the responsible, tag, merge duplicates."),
            hasScope: true, helpChapter: helpChapter);
        Delete = new($"{prefix}.delete", CustomersRights.Module, new($"{many.Ru}: удаление", $"{many.En}: delete"),
            new("Удалять записи в пределах области.", "Delete records within the scope."), hasScope: true, helpChapter: helpChapter);
        Import = new($"{prefix}.import", CustomersRights.Module, new($"{many.Ru}: импорт", $"{many.En}: import"),
            new("Загружать записи из CSV и Excel и отменять свой импорт.", "Load records from CSV and Excel and undo an import."),
            helpChapter: "customers-import");
        Export = new($"{prefix}.export", CustomersRights.Module, new($"{many.Ru}: выгрузка", $"{many.En}: export"),
            new("Выгружать отфильтрованный список в CSV и Excel (в пределах области).",
                "Export a filtered list to CSV and Excel (within the scope)."), hasScope: true, helpChapter: "customers-import");
    }

    public Right View { get; }

    public Right Create { get; }

    public Right Edit { get; }

    public Right Delete { get; }

    public Right Import { get; }

    public Right Export { get; }

    public IEnumerable<Right> All => [View, Create, Edit, Delete, Import, Export];
}

/// <summary>The rights of the customer base: counterparties and contacts, each with its own set, and personal data.</summary>
public sealed class CustomersRights : IRightsDeclaration
{
    public const string Module = "customers";

    public static readonly RecordRights Counterparties = new("customers.counterparties", new("Контрагенты", "Counterparties"), "customers-counterparties");

    public static readonly RecordRights Contacts = new("customers.contacts", new("Контакты", "Contacts"), "customers-contacts");

    /// <summary>Seeing a contact's personal fields after the person withdrew their consent (152-FZ).</summary>
    public static readonly Right PersonalData = new("customers.personal_data", Module,
        new LocalizedText("Персональные данные без согласия", "Personal data without consent"),
        new LocalizedText("Видеть телефоны, e-mail, мессенджеры и день рождения контакта, отозвавшего согласие на обработку персональных данных.",
            "See the phones, e-mails, messengers and birthday of a contact who withdrew their consent to personal-data processing."),
        helpChapter: "customers-contacts");

    IEnumerable<Right> IRightsDeclaration.Rights => [.. Counterparties.All, .. Contacts.All, PersonalData];
}

/// <summary>Employees work with their own customers, managers with their department's; administrators see all.</summary>
public sealed class CustomersStereotypeGrants : IStereotypeGrants
{
    public IEnumerable<(GroupStereotype Group, Right Right, RightScope? Scope)> Grants =>
    [
        // Administrators hold every right, customers.personal_data included, without being told.
        .. Set(CustomersRights.Counterparties), .. Set(CustomersRights.Contacts),
    ];

    private static IEnumerable<(GroupStereotype, Right, RightScope?)> Set(RecordRights rights) =>
    [
        (GroupStereotype.Employees, rights.View, RightScope.Own),
        (GroupStereotype.Employees, rights.Create, null),
        (GroupStereotype.Employees, rights.Edit, RightScope.Own),
        (GroupStereotype.Managers, rights.View, RightScope.Department),
        (GroupStereotype.Managers, rights.Create, null),
        (GroupStereotype.Managers, rights.Edit, RightScope.Department),
        (GroupStereotype.Managers, rights.Delete, RightScope.Department),
        (GroupStereotype.Managers, rights.Import, null),
        (GroupStereotype.Managers, rights.Export, RightScope.Department),
        (GroupStereotype.Accountants, rights.View, RightScope.All),
        (GroupStereotype.Accountants, rights.Export, RightScope.All),
    ];
}
