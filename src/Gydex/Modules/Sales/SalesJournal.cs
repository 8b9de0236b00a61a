using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;

namespace Gydex.Modules.Sales;

/// <summary>What the journal records of sales, each in the transaction of its change, with the changed fields.</summary>
public sealed class SalesJournal : IJournalActions
{
    public const string Module = "sales";

    public static readonly JournalAction PipelineCreated = new("pipeline.created", Module, new LocalizedText("Воронка создана", "Pipeline created"));
    public static readonly JournalAction PipelineChanged = new("pipeline.changed", Module, new LocalizedText("Воронка изменена", "Pipeline changed"));
    public static readonly JournalAction PipelineDeleted = new("pipeline.deleted", Module, new LocalizedText("Воронка удалена", "Pipeline deleted"));
    public static readonly JournalAction StageCreated = new("stage.created", Module, new LocalizedText("Стадия создана", "Stage created"));
    public static readonly JournalAction StageChanged = new("stage.changed", Module, new LocalizedText("Стадия изменена", "Stage changed"));
    public static readonly JournalAction StageDeleted = new("stage.deleted", Module, new LocalizedText("Стадия удалена", "Stage deleted"));
    public static readonly JournalAction DealCreated = new("deal.created", Module, new LocalizedText("Сделка создана", "Deal created"));
    public static readonly JournalAction DealChanged = new("deal.changed", Module, new LocalizedText("Сделка изменена", "Deal changed"));
    public static readonly JournalAction DealMoved = new("deal.moved", Module, new LocalizedText("Сделка перенесена на другую стадию", "Deal moved to another stage"));
    public static readonly JournalAction DealAssigned = new("deal.assigned", Module, new LocalizedText("Сделка передана другому ответственному", "Deal assigned to another employee"));
    public static readonly JournalAction DealDeleted = new("deal.deleted", Module, new LocalizedText("Сделка удалена", "Deal deleted"));
    public static readonly JournalAction DealsExported = new("deals.exported", Module, new LocalizedText("Сделки выгружены", "Deals exported"));
    public static readonly JournalAction ActivityCreated = new("activity.created", Module, new LocalizedText("Активность записана", "Activity logged"));
    public static readonly JournalAction ActivityChanged = new("activity.changed", Module, new LocalizedText("Активность изменена", "Activity changed"));
    public static readonly JournalAction ActivityDeleted = new("activity.deleted", Module, new LocalizedText("Активность удалена", "Activity deleted"));
    public static readonly JournalAction ActivitiesExported = new("activities.exported", Module, new LocalizedText("Активности выгружены", "Activities exported"));
    public static readonly JournalAction TaskCreated = new("task.created", Module, new LocalizedText("Задача поставлена", "Task created"));
    public static readonly JournalAction TaskChanged = new("task.changed", Module, new LocalizedText("Задача изменена", "Task changed"));
    public static readonly JournalAction TaskCompleted = new("task.completed", Module, new LocalizedText("Задача выполнена", "Task completed"));
    public static readonly JournalAction TaskDeleted = new("task.deleted", Module, new LocalizedText("Задача удалена", "Task deleted"));
    public static readonly JournalAction TaskCoworkersChanged = new("task.coworkers.changed", Module, new LocalizedText("Соисполнители задачи изменены", "Task co-workers changed"));
    public static readonly JournalAction TasksExported = new("tasks.exported", Module, new LocalizedText("Задачи выгружены", "Tasks exported"));

    IEnumerable<JournalAction> IJournalActions.Actions =>
    [
        PipelineCreated, PipelineChanged, PipelineDeleted, StageCreated, StageChanged, StageDeleted,
        DealCreated, DealChanged, DealMoved, DealAssigned, DealDeleted, DealsExported,
        ActivityCreated, ActivityChanged, ActivityDeleted, ActivitiesExported,
        TaskCreated, TaskChanged, TaskCompleted, TaskDeleted, TaskCoworkersChanged, TasksExported,
    ];

    public static IServiceCollection AddSalesJournal(IServiceCollection services) => services
        .AddJournalActions<SalesJournal>()
        .AddJournaled<Pipeline>(j => j
            .Records(PipelineCreated, PipelineChanged, PipelineDeleted)
            .Document("pipeline", p => p.Id.ToString(), (p, _) => p.Name)
            .Ignore(nameof(Pipeline.Id), nameof(Pipeline.CreatedAt)))
        .AddJournaled<Stage>(j => j
            .Records(StageCreated, StageChanged, StageDeleted)
            .Document("pipeline", s => s.PipelineId.ToString(), (s, db) => db.Find<Pipeline>(s.PipelineId)?.Name)
            .Ignore(nameof(Stage.Id), nameof(Stage.PipelineId)))
        .AddJournaled<Deal>(j => j
            .Records(DealCreated, DealChanged, DealDeleted)
            .ChangedAs(e => Changed(e, nameof(Deal.StageId)) ? DealMoved : Changed(e, nameof(Deal.ResponsibleId)) ? DealAssigned : null, DealMoved, DealAssigned)
            .Document("deal", d => d.Id.ToString(), (d, _) => d.Code)
            .AffectsUser(d => d.ResponsibleId)
            .Ignore(nameof(Deal.Id), nameof(Deal.Number), nameof(Deal.CreatedAt), nameof(Deal.CreatedById), nameof(Deal.UpdatedAt), nameof(Deal.SearchText)))
        .AddJournaled<Activity>(j => j
            .Records(ActivityCreated, ActivityChanged, ActivityDeleted)
            .Document("activity", a => a.Id.ToString(), (a, _) => a.Subject)
            .Ignore(nameof(Activity.Id), nameof(Activity.Number), nameof(Activity.CreatedAt)))
        .AddJournaled<SalesTask>(j => j
            .Records(TaskCreated, TaskChanged, TaskDeleted)
            .ChangedAs(e => Changed(e, nameof(SalesTask.Status)) && e.Property(nameof(SalesTask.Status)).CurrentValue is SalesTaskStatus.Done ? TaskCompleted : null, TaskCompleted)
            .Document("task", t => t.Id.ToString(), (t, _) => t.Code)
            .AffectsUser(t => t.AssigneeId)
            .Ignore(nameof(SalesTask.Id), nameof(SalesTask.Number), nameof(SalesTask.CreatedAt), nameof(SalesTask.CreatedById), nameof(SalesTask.SearchText)))
        .AddJournaled<SalesTaskCoworker>(j => j
            .Records(TaskCoworkersChanged, null, TaskCoworkersChanged)
            .Document("task", c => c.TaskId.ToString(), (c, db) => db.Find<SalesTask>(c.TaskId)?.Code)
            .AffectsUser(c => c.UserId)
            .Ignore(nameof(SalesTaskCoworker.TaskId)));

    private static bool Changed(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string property) =>
        entry.Property(property) is { IsModified: true } p && !Equals(p.OriginalValue, p.CurrentValue);
}
