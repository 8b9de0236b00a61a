using Gydex.Kernel.Access;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Web;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog.WorkTime;

/// <summary>What a working-time report covers: whole days in the organization's zone, both ends included.</summary>
public sealed record WorkTimeFilter(DateOnly From, DateOnly To, Guid? DepartmentId = null, Guid? UserId = null)
{
    /// <summary>A year and a day: long enough for annual figures, short enough that one request cannot scan the whole journal.</summary>
    public const int MaxDays = 366;
}

/// <summary>An employee as the report names them.</summary>
public sealed record WorkTimeEmployee(Guid Id, string Name, string? Department);

/// <summary>A computed report with the names to show it by.</summary>
public sealed record WorkTimeResult(
    WorkTimeFilter Filter, TimeZoneInfo Zone, int IdleThresholdMinutes, WorkTimeReport Report, IReadOnlyDictionary<Guid, WorkTimeEmployee> Employees)
{
    public WorkTimeEmployee Employee(Guid id) => Employees.TryGetValue(id, out var e) ? e : new WorkTimeEmployee(id, id.ToString(), null);

    /// <summary>Employees who acted in the period, by name.</summary>
    public IReadOnlyList<WorkTimeEmployee> Active =>
        Report.Days.Select(d => d.UserId).Distinct().Select(Employee).OrderBy(e => e.Name, StringComparer.CurrentCulture).ToList();
}

/// <summary>
/// Reads the journal for a report: only (user, instant) of the period's signed-in actions, in time order, streamed
/// into <see cref="WorkTimeReport.Builder"/> so no record is held. The range uses the index on <c>At</c>.
/// </summary>
public sealed class WorkTimeService(OrgDbContext db, CurrentOrganization organization, AccessService access)
{
    public async Task<WorkTimeResult> BuildAsync(WorkTimeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.To < filter.From || filter.To.DayNumber - filter.From.DayNumber >= WorkTimeFilter.MaxDays)
            throw new ArgumentException($"A report covers 1 to {WorkTimeFilter.MaxDays} days.", nameof(filter));
        var zone = OrgTime.Zone(organization.Required);
        var idle = await db.Set<JournalSettings>().AsNoTracking().Select(s => s.IdleThresholdMinutes).FirstOrDefaultAsync(cancellationToken);
        if (idle <= 0)
            idle = JournalSettings.DefaultIdleMinutes;
        var from = Start(filter.From, zone);
        var to = Start(filter.To.AddDays(1), zone);

        var records = db.Set<JournalRecord>().AsNoTracking().Where(r => r.UserId != null && r.At >= from && r.At < to);
        if (filter.UserId is { } user)
            records = records.Where(r => r.UserId == user);
        if (filter.DepartmentId is { } department)
        {
            var subtree = (await access.DepartmentSubtreeAsync(department, cancellationToken)).ToList();
            var members = await db.Users.AsNoTracking().Where(u => u.DepartmentId != null && subtree.Contains(u.DepartmentId.Value)).Select(u => (Guid?)u.Id)
                .ToListAsync(cancellationToken);
            records = records.Where(r => members.Contains(r.UserId));
        }

        var builder = new WorkTimeReport.Builder(zone, TimeSpan.FromMinutes(idle));
        await foreach (var action in records.OrderBy(r => r.At).ThenBy(r => r.Id).Select(r => new { r.UserId, r.At }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            builder.Add(action.UserId!.Value, action.At);
        var report = builder.Build();
        return new WorkTimeResult(filter, zone, idle, report, await EmployeesAsync(report.Days.Select(d => d.UserId).Distinct().ToList(), cancellationToken));
    }

    /// <summary>The day <paramref name="now"/> falls on in the organization's zone.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(OrgTime.Local(organization.Required, now).DateTime);

    /// <summary>Departments as a flat list, each under its parent, for the filter.</summary>
    public async Task<List<(Guid Id, string Name, int Depth)>> DepartmentsAsync(CancellationToken cancellationToken)
    {
        var all = await db.Set<Department>().AsNoTracking().Select(d => new { d.Id, d.Name, d.ParentId }).ToListAsync(cancellationToken);
        var children = all.ToLookup(d => d.ParentId);
        var result = new List<(Guid, string, int)>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var d in children[parent].OrderBy(d => d.Name, StringComparer.CurrentCulture))
            {
                result.Add((d.Id, d.Name, depth));
                Walk(d.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return result;
    }

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);

    /// <summary>Names from the accounts; someone deleted since keeps the name the journal last wrote for them.</summary>
    private async Task<Dictionary<Guid, WorkTimeEmployee>> EmployeesAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var departments = await db.Set<Department>().AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName, u.DepartmentId })
            .ToListAsync(cancellationToken);
        var result = users.ToDictionary(
            u => u.Id,
            u => new WorkTimeEmployee(u.Id, $"{u.DisplayName} ({u.UserName})", u.DepartmentId is { } d && departments.TryGetValue(d, out var name) ? name : null));
        foreach (var gone in ids.Where(id => !result.ContainsKey(id)))
        {
            Guid? id = gone;
            var name = await db.Set<JournalRecord>().AsNoTracking().Where(r => r.UserId == id).OrderByDescending(r => r.Id).Select(r => r.UserName)
                .FirstOrDefaultAsync(cancellationToken);
            result[gone] = new WorkTimeEmployee(gone, name ?? gone.ToString(), null);
        }

        return result;
    }
}
