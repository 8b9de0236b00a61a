using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Sales;

public sealed record TaskInput
{
    public string? Title { get; init; }

    /// <summary>An empty text clears it.</summary>
    public string? Description { get; init; }

    public Guid? AssigneeId { get; init; }

    /// <summary>The whole list of co-workers; null leaves them as they are.</summary>
    public IReadOnlyList<Guid>? Coworkers { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    /// <summary>True removes the deadline.</summary>
    public bool ClearDeadline { get; init; }

    public TaskPriority? Priority { get; init; }

    public SalesTaskStatus? Status { get; init; }

    /// <summary>One of <see cref="RecordTypes"/>; with <see cref="RecordId"/> links the task; an empty type unlinks it.</summary>
    public string? RecordType { get; init; }

    public Guid? RecordId { get; init; }
}

public sealed record TaskFilter
{
    /// <summary>Only tasks where the user is the assignee or a co-worker.</summary>
    public bool Mine { get; init; }

    public Guid? AssigneeId { get; init; }

    public SalesTaskStatus? Status { get; init; }

    /// <summary>Only open tasks (open or in progress).</summary>
    public bool OpenOnly { get; init; }

    public bool OverdueOnly { get; init; }

    public string? RecordType { get; init; }

    public Guid? RecordId { get; init; }

    public string? Q { get; init; }

    /// <summary><c>deadline</c> (default, soonest first), <c>created</c> (newest first), <c>priority</c>.</summary>
    public string? Sort { get; init; }

    public string? After { get; init; }

    public int Limit { get; init; } = 50;
}

public sealed record TaskRow(SalesTask Task, string AssigneeName, IReadOnlyList<Person> Coworkers, bool Overdue, string? RecordCode);

/// <summary>How many of the user's open tasks are overdue and how many are due within a day: the reminder.</summary>
public sealed record TaskReminder(int Overdue, int DueSoon);

/// <summary>
/// Tasks. "Own" scope means the tasks one is the assignee, a co-worker or the author of; the department scope the
/// tasks of one's department and below (the assignee's department).
/// </summary>
public sealed class Tasks(OrgDbContext db, CurrentAccess access, SalesPeople people, SalesRecords records, TimeProvider clock)
{
    public const int MaxLimit = 200;
    public static readonly TimeSpan DueSoon = TimeSpan.FromHours(24);

    public async Task<IQueryable<SalesTask>> ScopedAsync(Right right, CancellationToken cancellationToken)
    {
        var scope = await access.DataScopeAsync(right, cancellationToken);
        var tasks = db.Set<SalesTask>();
        switch (scope.Scope)
        {
            case RightScope.All:
                return tasks;
            case RightScope.Own:
                var me = scope.UserId;
                var coworking = db.Set<SalesTaskCoworker>().Where(c => c.UserId == me).Select(c => c.TaskId);
                return tasks.Where(t => t.AssigneeId == me || t.CreatedById == me || coworking.Contains(t.Id));
            default:
                return tasks.Within(scope, t => t.AssigneeId, t => t.DepartmentId);
        }
    }

    public async Task<SalesPage<TaskRow>> ListAsync(TaskFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = (await ScopedAsync(SalesRights.TasksView, cancellationToken)).AsNoTracking();
        var now = clock.GetUtcNow();
        if (filter.Mine)
        {
            var me = access.UserId ?? Guid.Empty;
            var coworking = db.Set<SalesTaskCoworker>().Where(c => c.UserId == me).Select(c => c.TaskId);
            query = query.Where(t => t.AssigneeId == me || coworking.Contains(t.Id));
        }

        if (filter.AssigneeId is { } assignee)
            query = query.Where(t => t.AssigneeId == assignee);
        if (filter.Status is { } status)
            query = query.Where(t => t.Status == status);
        if (filter.OpenOnly || filter.OverdueOnly)
            query = query.Where(t => t.Status == SalesTaskStatus.Open || t.Status == SalesTaskStatus.InProgress);
        if (filter.OverdueOnly)
            query = query.Where(t => t.Deadline != null && t.Deadline < now);
        if (filter.RecordType is { } type && filter.RecordId is { } record)
            query = query.Where(t => t.RecordType == type && t.RecordId == record);
        if (SalesText.Clean(filter.Q) is { } q)
        {
            if (DocumentCodes.Parse(SalesTask.CodePrefix, q) is { } number)
                query = query.Where(t => t.Number == number);
            else
                query = TasksSearchArea.Matching(query, q);
        }

        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        var sort = filter.Sort is "created" or "priority" ? filter.Sort : "deadline";
        // Tasks without a deadline come last when sorting by deadline.
        var far = new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);
        query = sort switch
        {
            "created" => Keyset.Page(query, t => t.Number, t => t.Number, true, Keyset.Decode<long>(filter.After, Keyset.ParseLong)),
            "priority" => Keyset.Page(query, t => t.Priority == TaskPriority.High ? 0 : t.Priority == TaskPriority.Normal ? 1 : 2, t => t.Number, false,
                Keyset.Decode<int>(filter.After, (string text, out int v) => int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out v))),
            _ => Keyset.Page(query, t => t.Deadline ?? far, t => t.Number, false, Keyset.Decode<DateTimeOffset>(filter.After, Keyset.ParseInstant)),
        };
        var tasks = await query.Take(limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (tasks.Count > limit)
        {
            tasks.RemoveAt(limit);
            var last = tasks[^1];
            next = Keyset.Encode(sort switch
            {
                "created" => last.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "priority" => (last.Priority == TaskPriority.High ? 0 : last.Priority == TaskPriority.Normal ? 1 : 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => (last.Deadline ?? far).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, last.Number);
        }

        return new SalesPage<TaskRow>(await RowsAsync(tasks, cancellationToken), next);
    }

    public async Task<IReadOnlyList<TaskRow>> RowsAsync(IReadOnlyList<SalesTask> tasks, CancellationToken cancellationToken)
    {
        var ids = tasks.Select(t => t.Id).ToList();
        var coworkers = (await db.Set<SalesTaskCoworker>().AsNoTracking().Where(c => ids.Contains(c.TaskId)).ToListAsync(cancellationToken)).ToLookup(c => c.TaskId, c => c.UserId);
        var everyone = await people.AllAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = new List<TaskRow>(tasks.Count);
        foreach (var t in tasks)
        {
            rows.Add(new TaskRow(t, everyone.GetValueOrDefault(t.AssigneeId)?.Name ?? "",
                coworkers[t.Id].Select(u => everyone.GetValueOrDefault(u)).OfType<Person>().ToList(), t.IsOverdue(now),
                t.RecordType is { } type && t.RecordId is { } id ? await records.CodeAsync(type, id, cancellationToken) : null));
        }

        return rows;
    }

    public async Task<TaskRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await (await ScopedAsync(SalesRights.TasksView, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return task is null ? null : (await RowsAsync([task], cancellationToken))[0];
    }

    /// <summary>The signed-in user's open tasks that are overdue or due within a day.</summary>
    public async Task<TaskReminder> ReminderAsync(CancellationToken cancellationToken)
    {
        if (access.UserId is not { } me || !access.Has(SalesRights.TasksView))
            return new TaskReminder(0, 0);
        var now = clock.GetUtcNow();
        var soon = now + DueSoon;
        var coworking = db.Set<SalesTaskCoworker>().Where(c => c.UserId == me).Select(c => c.TaskId);
        var deadlines = await db.Set<SalesTask>().AsNoTracking()
            .Where(t => (t.AssigneeId == me || coworking.Contains(t.Id)) && (t.Status == SalesTaskStatus.Open || t.Status == SalesTaskStatus.InProgress)
                && t.Deadline != null && t.Deadline < soon)
            .Select(t => t.Deadline!.Value).Take(1000).ToListAsync(cancellationToken);
        return new TaskReminder(deadlines.Count(d => d < now), deadlines.Count(d => d >= now));
    }

    public async Task<SalesResult<SalesTask>> CreateAsync(TaskInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var task = new SalesTask
        {
            Id = Guid.CreateVersion7(), CreatedAt = now, CreatedById = access.UserId, AssigneeId = input.AssigneeId ?? access.UserId ?? Guid.Empty,
            Status = SalesTaskStatus.Open, Priority = TaskPriority.Normal,
        };
        var errors = await ApplyAsync(task, input with { AssigneeId = task.AssigneeId }, isNew: true, cancellationToken);
        if (errors.Count > 0)
            return SalesResult.Invalid<SalesTask>(errors);
        db.Add(task);
        await SalesNumbers.SaveNumberedAsync(db, task, t => t.Number, (t, n) => t.Number = n, cancellationToken);
        return SalesResult.Done<SalesTask>(task);
    }

    private async Task<SalesResult<SalesTask>> ForActionAsync(Guid id, Right right, CancellationToken cancellationToken)
    {
        if (!await (await ScopedAsync(SalesRights.TasksView, cancellationToken)).AnyAsync(t => t.Id == id, cancellationToken))
            return SalesResult.NotFound<SalesTask>();
        var task = await (await ScopedAsync(right, cancellationToken)).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return task is null ? SalesResult.Refused<SalesTask>(right) : SalesResult.Done<SalesTask>(task);
    }

    public async Task<SalesResult<SalesTask>> UpdateAsync(Guid id, TaskInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = await ForActionAsync(id, SalesRights.TasksEdit, cancellationToken);
        if (found.Outcome != SalesOutcome.Done)
            return found;
        var errors = await ApplyAsync(found.Value!, input, isNew: false, cancellationToken);
        if (errors.Count > 0)
            return SalesResult.Invalid<SalesTask>(errors);
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    public Task<SalesResult<SalesTask>> CompleteAsync(Guid id, CancellationToken cancellationToken) =>
        UpdateAsync(id, new TaskInput { Status = SalesTaskStatus.Done }, cancellationToken);

    public async Task<SalesResult<SalesTask>> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await ForActionAsync(id, SalesRights.TasksDelete, cancellationToken);
        if (found.Outcome != SalesOutcome.Done)
            return found;
        db.RemoveRange(await db.Set<SalesTaskCoworker>().Where(c => c.TaskId == id).ToListAsync(cancellationToken));
        db.Remove(found.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    private async Task<Dictionary<string, string>> ApplyAsync(SalesTask task, TaskInput input, bool isNew, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (input.Title is not null || isNew)
        {
            var title = SalesText.Clean(input.Title);
            if (title is null || title.Length > SalesTask.TitleMaxLength)
                errors["title"] = "The title is required (at most 200 characters).";
            else
                task.Title = title;
        }

        if (input.Description is not null)
        {
            var description = SalesText.Clean(input.Description);
            if (SalesText.TooLong(description, SalesTask.DescriptionMaxLength))
                errors["description"] = "The description is at most 4000 characters.";
            else
                task.Description = description;
        }

        if (input.AssigneeId is { } assigneeId && (isNew || assigneeId != task.AssigneeId))
        {
            var person = await people.FindActiveAsync(assigneeId, cancellationToken);
            if (person is null)
                errors["assigneeId"] = "Unknown employee.";
            else
            {
                task.AssigneeId = person.Id;
                task.DepartmentId = person.DepartmentId;
            }
        }

        if (input.ClearDeadline)
            task.Deadline = null;
        else if (input.Deadline is { } deadline)
            task.Deadline = deadline.ToUniversalTime();
        if (input.Priority is { } priority)
        {
            if (!Enum.IsDefined(priority))
                errors["priority"] = "Unknown priority.";
            else
                task.Priority = priority;
        }

        if (input.Status is { } status)
        {
            if (!Enum.IsDefined(status))
            {
                errors["status"] = "Unknown status.";
            }
            else if (status != task.Status)
            {
                task.Status = status;
                if (status == SalesTaskStatus.Done)
                {
                    // Kept for the KPIs: done by the deadline (a task without one is always on time).
                    var now = clock.GetUtcNow();
                    task.CompletedAt = now;
                    task.CompletedOnTime = task.Deadline is not { } d || now <= d;
                }
                else
                {
                    task.CompletedAt = null;
                    task.CompletedOnTime = null;
                }
            }
        }

        if (input.RecordType is not null)
        {
            if (input.RecordType.Length == 0)
            {
                task.RecordType = null;
                task.RecordId = null;
            }
            else if (!RecordTypes.IsKnown(input.RecordType) || input.RecordId is not { } recordId
                     || !await records.ExistsAsync(input.RecordType, recordId, cancellationToken))
            {
                errors["recordId"] = "Unknown linked record.";
            }
            else
            {
                task.RecordType = input.RecordType;
                task.RecordId = recordId;
            }
        }

        if (input.Coworkers is { } coworkers && errors.Count == 0)
        {
            var wanted = coworkers.Distinct().Where(u => u != task.AssigneeId).ToList();
            var known = (await people.ActiveAsync(cancellationToken)).Select(p => p.Id).ToHashSet();
            if (wanted.Count > 50 || wanted.Any(u => !known.Contains(u)))
            {
                errors["coworkers"] = "Unknown employee among the co-workers.";
            }
            else
            {
                var current = isNew ? [] : await db.Set<SalesTaskCoworker>().Where(c => c.TaskId == task.Id).ToListAsync(cancellationToken);
                db.RemoveRange(current.Where(c => !wanted.Contains(c.UserId)));
                db.AddRange(wanted.Where(u => current.All(c => c.UserId != u)).Select(u => new SalesTaskCoworker { TaskId = task.Id, UserId = u }));
            }
        }

        return errors;
    }
}
