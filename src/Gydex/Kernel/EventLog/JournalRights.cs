using Gydex.Kernel.Access;

namespace Gydex.Kernel.EventLog;

/// <summary>The rights of the event log.</summary>
public sealed class JournalRights : IRightsDeclaration
{
    public const string Module = "journal";

    public static readonly Right View = new("journal.view", Module,
        new LocalizedText("Журнал событий", "Event log"),
        new LocalizedText("Видеть журнал действий всех сотрудников, историю документов и выгружать журнал.",
            "See the log of every employee's actions and the history of documents, and export the log."),
        helpChapter: "journal");

    public static readonly Right ViewOwn = new("journal.view_own", Module,
        new LocalizedText("Свои действия в журнале", "Own actions in the event log"),
        new LocalizedText("Видеть в журнале свои собственные действия.", "See one's own actions in the event log."),
        impliedBy: [View],
        helpChapter: "journal");

    public static readonly Right Verify = new("journal.verify", Module,
        new LocalizedText("Проверка журнала", "Verify the event log"),
        new LocalizedText("Проверять цепочку хешей журнала: не изменена ли и не удалена ли какая-либо запись.",
            "Check the event log's hash chain: that no record was altered or removed."),
        helpChapter: "journal-integrity");

    public static readonly Right Configure = new("journal.configure", Module,
        new LocalizedText("Настройка журнала", "Configure the event log"),
        new LocalizedText("Включать и отключать необязательные события журнала и порог простоя для учёта рабочего времени.",
            "Switch optional events of the log on and off, and set the idle threshold of working-time reports."),
        helpChapter: "journal");

    public static readonly Right WorkTime = new("journal.worktime", Module,
        new LocalizedText("Рабочее время", "Working time"),
        new LocalizedText("Видеть отчёты о рабочем времени сотрудников в системе.",
            "See reports of employees' working time in the system."),
        helpChapter: "journal-worktime");

    IEnumerable<Right> IRightsDeclaration.Rights => [View, ViewOwn, Verify, Configure, WorkTime];
}

/// <summary>Employees see their own actions; the rest is for administrators (who hold every right).</summary>
public sealed class JournalStereotypeGrants : IStereotypeGrants
{
    public IEnumerable<(GroupStereotype Group, Right Right, RightScope? Scope)> Grants =>
    [
        (GroupStereotype.Employees, JournalRights.ViewOwn, null),
        (GroupStereotype.Managers, JournalRights.ViewOwn, null),
        (GroupStereotype.Accountants, JournalRights.ViewOwn, null),
    ];
}

/// <summary>The event log's own actions.</summary>
public sealed class JournalActions : IJournalActions
{
    public const string Module = "journal";

    public static readonly JournalAction Exported = new("journal.exported", Module,
        new LocalizedText("Выгрузка журнала", "Event log exported"));

    public static readonly JournalAction Verified = new("journal.verified", Module,
        new LocalizedText("Проверка журнала", "Event log verified"), optional: true);

    public static readonly JournalAction Archived = new("journal.archived", Module,
        new LocalizedText("Архивирование журнала", "Event log archived"));

    public static readonly JournalAction ActionSwitchedOn = new("journal.action.on", Module,
        new LocalizedText("Событие журнала включено", "Event log action switched on"));

    public static readonly JournalAction ActionSwitchedOff = new("journal.action.off", Module,
        new LocalizedText("Событие журнала отключено", "Event log action switched off"));

    public static readonly JournalAction SettingsChanged = new("journal.settings.changed", Module,
        new LocalizedText("Настройки журнала изменены", "Event log settings changed"));

    IEnumerable<JournalAction> IJournalActions.Actions => [Exported, Verified, Archived, ActionSwitchedOn, ActionSwitchedOff, SettingsChanged];
}
