using System.Globalization;

namespace Gydex.Kernel.EventLog.WorkTime;

/// <summary>The report's filter as the page and the export read it from the query string.</summary>
public sealed class WorkTimeInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public Guid? Department { get; set; }

    public Guid? User { get; set; }

    /// <summary>Missing dates default to the last seven days up to <paramref name="today"/>; null when the period is not valid.</summary>
    public WorkTimeFilter? ToFilter(DateOnly today)
    {
        var to = To ?? (From is { } f && f.AddDays(6) < today ? f.AddDays(6) : today);
        var from = From ?? to.AddDays(-6);
        if (to < from || to.DayNumber - from.DayNumber >= WorkTimeFilter.MaxDays)
            return null;
        return new WorkTimeFilter(from, to, Department, User);
    }

    public Dictionary<string, string?> ToQuery(WorkTimeFilter? filter) => new()
    {
        ["from"] = (filter?.From ?? From)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = (filter?.To ?? To)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["department"] = Department?.ToString(),
        ["user"] = User?.ToString(),
    };
}
