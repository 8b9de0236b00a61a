using System.Globalization;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Sales;

public sealed record ActivityInput
{
    public ActivityKind? Kind { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public int? DurationMinutes { get; init; }

    /// <summary>An empty text clears it.</summary>
    public string? Result { get; init; }

    public string? RecordType { get; init; }

    public Guid? RecordId { get; init; }
}

public sealed record ActivityFilter
{
    public ActivityKind? Kind { get; init; }

    public string? RecordType { get; init; }

    public Guid? RecordId { get; init; }

    public Guid? ResponsibleId { get; init; }

    public string? After { get; init; }

    public int Limit { get; init; } = 50;
}

public sealed record ActivityRow(Activity Activity, string ResponsibleName, string? RecordCode);

/// <summary>Calls, meetings and e-mails logged against a deal, counterparty or contact; scoped by who held them.</summary>
public sealed class Activities(OrgDbContext db, CurrentAccess access, SalesPeople people, SalesRecords records, TimeProvider clock)
{
    public const int MaxLimit = 200;
    public const int MaxDurationMinutes = 24 * 60;

    public async Task<IQueryable<Activity>> ScopedAsync(Right right, CancellationToken cancellationToken)
    {
        var scope = await access.DataScopeAsync(right, cancellationToken);
        return db.Set<Activity>().Within(scope, a => a.ResponsibleId, a => a.DepartmentId);
    }

    public async Task<SalesPage<ActivityRow>> ListAsync(ActivityFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = (await ScopedAsync(SalesRights.ActivitiesView, cancellationToken)).AsNoTracking();
        if (filter.Kind is { } kind)
            query = query.Where(a => a.Kind == kind);
        if (filter.RecordType is { } type && filter.RecordId is { } record)
            query = query.Where(a => a.RecordType == type && a.RecordId == record);
        if (filter.ResponsibleId is { } responsible)
            query = query.Where(a => a.ResponsibleId == responsible);
        query = Keyset.Page(query, a => a.OccurredAt, a => a.Number, true, Keyset.Decode<DateTimeOffset>(filter.After, Keyset.ParseInstant));
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        var items = await query.Take(limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = Keyset.Encode(items[^1].OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture), items[^1].Number);
        }

        return new SalesPage<ActivityRow>(await RowsAsync(items, cancellationToken), next);
    }

    private async Task<IReadOnlyList<ActivityRow>> RowsAsync(List<Activity> items, CancellationToken cancellationToken)
    {
        var everyone = await people.AllAsync(cancellationToken);
        var rows = new List<ActivityRow>(items.Count);
        foreach (var a in items)
            rows.Add(new ActivityRow(a, everyone.GetValueOrDefault(a.ResponsibleId)?.Name ?? "", await records.CodeAsync(a.RecordType, a.RecordId, cancellationToken)));
        return rows;
    }

    public async Task<ActivityRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var activity = await (await ScopedAsync(SalesRights.ActivitiesView, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return activity is null ? null : (await RowsAsync([activity], cancellationToken))[0];
    }

    public async Task<SalesResult<Activity>> CreateAsync(ActivityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var me = access.UserId ?? Guid.Empty;
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(), CreatedAt = clock.GetUtcNow(), ResponsibleId = me, Kind = ActivityKind.Call,
            DepartmentId = (await people.AllAsync(cancellationToken)).GetValueOrDefault(me)?.DepartmentId,
        };
        var errors = await ApplyAsync(activity, input, isNew: true, cancellationToken);
        if (errors.Count > 0)
            return SalesResult.Invalid<Activity>(errors);
        db.Add(activity);
        await SalesNumbers.SaveNumberedAsync(db, activity, a => a.Number, (a, n) => a.Number = n, cancellationToken);
        return SalesResult.Done<Activity>(activity);
    }

    private async Task<SalesResult<Activity>> ForActionAsync(Guid id, Right right, CancellationToken cancellationToken)
    {
        if (!await (await ScopedAsync(SalesRights.ActivitiesView, cancellationToken)).AnyAsync(a => a.Id == id, cancellationToken))
            return SalesResult.NotFound<Activity>();
        var activity = await (await ScopedAsync(right, cancellationToken)).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return activity is null ? SalesResult.Refused<Activity>(right) : SalesResult.Done<Activity>(activity);
    }

    public async Task<SalesResult<Activity>> UpdateAsync(Guid id, ActivityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = await ForActionAsync(id, SalesRights.ActivitiesEdit, cancellationToken);
        if (found.Outcome != SalesOutcome.Done)
            return found;
        var errors = await ApplyAsync(found.Value!, input, isNew: false, cancellationToken);
        if (errors.Count > 0)
            return SalesResult.Invalid<Activity>(errors);
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    public async Task<SalesResult<Activity>> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await ForActionAsync(id, SalesRights.ActivitiesDelete, cancellationToken);
        if (found.Outcome != SalesOutcome.Done)
            return found;
        db.Remove(found.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    private async Task<Dictionary<string, string>> ApplyAsync(Activity activity, ActivityInput input, bool isNew, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (input.Kind is { } kind)
        {
            if (!Enum.IsDefined(kind))
                errors["kind"] = "Unknown kind of activity.";
            else
                activity.Kind = kind;
        }

        if (input.Subject is not null || isNew)
        {
            var subject = SalesText.Clean(input.Subject);
            if (subject is null || subject.Length > Activity.SubjectMaxLength)
                errors["subject"] = "The subject is required (at most 200 characters).";
            else
                activity.Subject = subject;
        }

        if (input.OccurredAt is { } at)
            activity.OccurredAt = at.ToUniversalTime();
        else if (isNew)
            activity.OccurredAt = clock.GetUtcNow();
        if (input.DurationMinutes is { } minutes)
        {
            if (minutes is < 0 or > MaxDurationMinutes)
                errors["durationMinutes"] = "The duration is from 0 to 1440 minutes.";
            else
                activity.DurationMinutes = minutes;
        }

        if (input.Result is not null)
        {
            var result = SalesText.Clean(input.Result);
            if (SalesText.TooLong(result, Activity.ResultMaxLength))
                errors["result"] = "The result is at most 2000 characters.";
            else
                activity.Result = result;
        }

        if (input.RecordType is not null || input.RecordId is not null || isNew)
        {
            var type = input.RecordType ?? activity.RecordType;
            var id = input.RecordId ?? activity.RecordId;
            if (!RecordTypes.IsKnown(type) || id == Guid.Empty || !await records.ExistsAsync(type, id, cancellationToken))
            {
                errors["recordId"] = "An activity is logged against a deal, counterparty or contact you may see.";
            }
            else
            {
                activity.RecordType = type;
                activity.RecordId = id;
            }
        }

        return errors;
    }
}
