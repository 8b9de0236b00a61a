using Gydex.Kernel.Access;

namespace Gydex.Modules.Sales;

/// <summary>
/// The rights over sales: deals, tasks and activities each have view, create, edit, delete and export; view,
/// edit, delete and export carry a data scope (own, department and below, all) applied inside the queries.
/// </summary>
public sealed class SalesRights : IRightsDeclaration
{
    public const string Module = "sales";

    public static readonly Right Pipelines = new("sales.pipelines", Module,
        new LocalizedText("Воронки продаж", "Sales pipelines"),
        new LocalizedText("Настраивать воронки и их стадии: названия, порядок, вероятности, выигрыш и проигрыш.",
            "Configure pipelines and their stages: names, order, probabilities, won and lost."),
        helpChapter: "sales-pipelines");

    public static readonly Right DealsEdit = new("sales.deals.edit", Module,
        new LocalizedText("Изменение сделок", "Edit deals"),
        new LocalizedText("Изменять сделки и переносить их по стадиям (свои, своего отдела или все).",
            "Edit deals and move them between stages (own, department's or all)."),
        hasScope: true, helpChapter: "sales-deals");

    public static readonly Right DealsDelete = new("sales.deals.delete", Module,
        new LocalizedText("Удаление сделок", "Delete deals"),
        new LocalizedText("Удалять сделки (свои, своего отдела или все).", "Delete deals (own, department's or all)."),
        hasScope: true, helpChapter: "sales-deals");

    public static readonly Right DealsExport = new("sales.deals.export", Module,
        new LocalizedText("Выгрузка сделок", "Export deals"),
        new LocalizedText("Выгружать список сделок в CSV (свои, своего отдела или все).", "Export the list of deals to CSV (own, department's or all)."),
        hasScope: true, helpChapter: "sales-deals");

    public static readonly Right DealsCreate = new("sales.deals.create", Module,
        new LocalizedText("Создание сделок", "Create deals"),
        new LocalizedText("Заводить новые сделки.", "Create new deals."),
        helpChapter: "sales-deals");

    public static readonly Right DealsView = new("sales.deals.view", Module,
        new LocalizedText("Просмотр сделок", "View deals"),
        new LocalizedText("Видеть сделки: список, канбан, карточку и историю (свои, своего отдела или все).",
            "See deals: the list, the board, the deal's page and history (own, department's or all)."),
        hasScope: true, impliedBy: [DealsEdit, DealsDelete, DealsExport], helpChapter: "sales-deals");

    /// <summary>The amount of a deal is a commercial figure: changing it is a right of its own.</summary>
    public static readonly Right DealAmounts = new("sales.deals.amount", Module,
        new LocalizedText("Сумма сделки", "Deal amount"),
        new LocalizedText("Задавать и менять сумму и валюту сделки.", "Set and change a deal's amount and currency."),
        helpChapter: "sales-deals");

    public static readonly Right TasksEdit = new("sales.tasks.edit", Module,
        new LocalizedText("Изменение задач", "Edit tasks"),
        new LocalizedText("Изменять и завершать задачи (свои, своего отдела или все).", "Edit and complete tasks (own, department's or all)."),
        hasScope: true, helpChapter: "sales-tasks");

    public static readonly Right TasksDelete = new("sales.tasks.delete", Module,
        new LocalizedText("Удаление задач", "Delete tasks"),
        new LocalizedText("Удалять задачи (свои, своего отдела или все).", "Delete tasks (own, department's or all)."),
        hasScope: true, helpChapter: "sales-tasks");

    public static readonly Right TasksExport = new("sales.tasks.export", Module,
        new LocalizedText("Выгрузка задач", "Export tasks"),
        new LocalizedText("Выгружать список задач в CSV (свои, своего отдела или все).", "Export the list of tasks to CSV (own, department's or all)."),
        hasScope: true, helpChapter: "sales-tasks");

    public static readonly Right TasksCreate = new("sales.tasks.create", Module,
        new LocalizedText("Создание задач", "Create tasks"),
        new LocalizedText("Ставить задачи себе и другим.", "Set tasks for oneself and others."),
        helpChapter: "sales-tasks");

    public static readonly Right TasksView = new("sales.tasks.view", Module,
        new LocalizedText("Просмотр задач", "View tasks"),
        new LocalizedText("Видеть задачи (свои — где вы исполнитель, соисполнитель или автор —, своего отдела или все).",
            "See tasks (own — where one is the assignee, a co-worker or the author —, the department's or all)."),
        hasScope: true, impliedBy: [TasksEdit, TasksDelete, TasksExport], helpChapter: "sales-tasks");

    public static readonly Right ActivitiesEdit = new("sales.activities.edit", Module,
        new LocalizedText("Изменение активностей", "Edit activities"),
        new LocalizedText("Изменять звонки, встречи и письма (свои, своего отдела или все).", "Edit calls, meetings and e-mails (own, department's or all)."),
        hasScope: true, helpChapter: "sales-activities");

    public static readonly Right ActivitiesDelete = new("sales.activities.delete", Module,
        new LocalizedText("Удаление активностей", "Delete activities"),
        new LocalizedText("Удалять звонки, встречи и письма (свои, своего отдела или все).", "Delete calls, meetings and e-mails (own, department's or all)."),
        hasScope: true, helpChapter: "sales-activities");

    public static readonly Right ActivitiesExport = new("sales.activities.export", Module,
        new LocalizedText("Выгрузка активностей", "Export activities"),
        new LocalizedText("Выгружать список активностей в CSV (свои, своего отдела или все).", "Export the list of activities to CSV (own, department's or all)."),
        hasScope: true, helpChapter: "sales-activities");

    public static readonly Right ActivitiesCreate = new("sales.activities.create", Module,
        new LocalizedText("Запись активностей", "Log activities"),
        new LocalizedText("Записывать звонки, встречи и письма.", "Log calls, meetings and e-mails."),
        helpChapter: "sales-activities");

    public static readonly Right ActivitiesView = new("sales.activities.view", Module,
        new LocalizedText("Просмотр активностей", "View activities"),
        new LocalizedText("Видеть звонки, встречи и письма (свои, своего отдела или все).", "See calls, meetings and e-mails (own, department's or all)."),
        hasScope: true, impliedBy: [ActivitiesEdit, ActivitiesDelete, ActivitiesExport], helpChapter: "sales-activities");

    public static readonly FieldRight DealAmount = new("sales.deal", nameof(Deal.Amount), DealAmounts);

    public static readonly FieldRight DealCurrency = new("sales.deal", nameof(Deal.Currency), DealAmounts);

    IEnumerable<Right> IRightsDeclaration.Rights =>
    [
        DealsView, DealsCreate, DealsEdit, DealsDelete, DealsExport, DealAmounts, Pipelines,
        TasksView, TasksCreate, TasksEdit, TasksDelete, TasksExport,
        ActivitiesView, ActivitiesCreate, ActivitiesEdit, ActivitiesDelete, ActivitiesExport,
    ];

    IEnumerable<FieldRight> IRightsDeclaration.FieldRights => [DealAmount, DealCurrency];
}

/// <summary>Managers run sales across the organization; employees work their own deals, tasks and activities.</summary>
public sealed class SalesStereotypeGrants : IStereotypeGrants
{
    public IEnumerable<(GroupStereotype Group, Right Right, RightScope? Scope)> Grants =>
    [
        (GroupStereotype.Managers, SalesRights.DealsView, RightScope.All),
        (GroupStereotype.Managers, SalesRights.DealsCreate, null),
        (GroupStereotype.Managers, SalesRights.DealsEdit, RightScope.All),
        (GroupStereotype.Managers, SalesRights.DealsDelete, RightScope.All),
        (GroupStereotype.Managers, SalesRights.DealsExport, RightScope.All),
        (GroupStereotype.Managers, SalesRights.DealAmounts, null),
        (GroupStereotype.Managers, SalesRights.Pipelines, null),
        (GroupStereotype.Managers, SalesRights.TasksView, RightScope.All),
        (GroupStereotype.Managers, SalesRights.TasksCreate, null),
        (GroupStereotype.Managers, SalesRights.TasksEdit, RightScope.All),
        (GroupStereotype.Managers, SalesRights.TasksDelete, RightScope.All),
        (GroupStereotype.Managers, SalesRights.TasksExport, RightScope.All),
        (GroupStereotype.Managers, SalesRights.ActivitiesView, RightScope.All),
        (GroupStereotype.Managers, SalesRights.ActivitiesCreate, null),
        (GroupStereotype.Managers, SalesRights.ActivitiesEdit, RightScope.All),
        (GroupStereotype.Managers, SalesRights.ActivitiesDelete, RightScope.All),
        (GroupStereotype.Employees, SalesRights.DealsView, RightScope.Own),
        (GroupStereotype.Employees, SalesRights.DealsCreate, null),
        (GroupStereotype.Employees, SalesRights.DealsEdit, RightScope.Own),
        (GroupStereotype.Employees, SalesRights.DealAmounts, null),
        (GroupStereotype.Employees, SalesRights.TasksView, RightScope.Own),
        (GroupStereotype.Employees, SalesRights.TasksCreate, null),
        (GroupStereotype.Employees, SalesRights.TasksEdit, RightScope.Own),
        (GroupStereotype.Employees, SalesRights.ActivitiesView, RightScope.Own),
        (GroupStereotype.Employees, SalesRights.ActivitiesCreate, null),
        (GroupStereotype.Employees, SalesRights.ActivitiesEdit, RightScope.Own),
        (GroupStereotype.Accountants, SalesRights.DealsView, RightScope.All),
        (GroupStereotype.Accountants, SalesRights.TasksView, RightScope.Own),
        (GroupStereotype.Accountants, SalesRights.TasksCreate, null),
        (GroupStereotype.Accountants, SalesRights.TasksEdit, RightScope.Own),
    ];
}
