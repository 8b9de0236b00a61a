namespace Gydex.Kernel.EventLog.WorkTime;

/// <summary>One employee's day: the first and last action (in the organization's zone), time at work and how many actions.</summary>
public sealed record WorkDay(Guid UserId, DateOnly Day, DateTimeOffset First, DateTimeOffset Last, TimeSpan Active, int Actions);

/// <summary>The figures of a period: days per employee, and actions per weekday × hour of the day.</summary>
public sealed class WorkTimeReport
{
    internal WorkTimeReport(IReadOnlyList<WorkDay> days, int[,] heat)
    {
        Days = days;
        this.heat = heat;
    }

    private readonly int[,] heat;

    /// <summary>Ordered by day, then employee.</summary>
    public IReadOnlyList<WorkDay> Days { get; }

    /// <summary>Actions in one hour of the day on one weekday, in the organization's zone.</summary>
    public int ActionsAt(DayOfWeek weekday, int hour) => heat[(int)weekday, hour];

    public int MaxActionsPerHour
    {
        get
        {
            var max = 0;
            foreach (var count in heat)
                max = Math.Max(max, count);
            return max;
        }
    }

    /// <summary>
    /// Days are split at midnight in <paramref name="zone"/>. A day's active time is the sum of the gaps between its
    /// consecutive actions that are no longer than <paramref name="idleThreshold"/>; a longer gap is a pause and
    /// counts nothing, and a gap across midnight belongs to neither day (so active time never exceeds last − first).
    /// <paramref name="actions"/> must be in time order for each employee; employees may interleave.
    /// </summary>
    public static WorkTimeReport Compute(IEnumerable<(Guid UserId, DateTimeOffset At)> actions, TimeZoneInfo zone, TimeSpan idleThreshold)
    {
        var builder = new Builder(zone, idleThreshold);
        foreach (var (userId, at) in actions ?? throw new ArgumentNullException(nameof(actions)))
            builder.Add(userId, at);
        return builder.Build();
    }

    /// <summary>Takes actions one at a time, so a caller can stream them from the database without holding them.</summary>
    public sealed class Builder(TimeZoneInfo zone, TimeSpan idleThreshold)
    {
        private sealed class OpenDay
        {
            public DateOnly Day;
            public DateTimeOffset First;
            public DateTimeOffset Last;
            public TimeSpan Active;
            public int Actions;
        }

        private readonly Dictionary<Guid, OpenDay> open = [];
        private readonly List<WorkDay> closed = [];
        private readonly int[,] heat = new int[7, 24];

        public void Add(Guid userId, DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var day = DateOnly.FromDateTime(local.DateTime);
            heat[(int)local.DayOfWeek, local.Hour]++;
            if (open.TryGetValue(userId, out var current))
            {
                if (local < current.Last)
                    throw new ArgumentException($"Actions of {userId} are out of time order ({local:O} after {current.Last:O}).", nameof(at));
                if (current.Day == day)
                {
                    var gap = local - current.Last;
                    if (gap <= idleThreshold)
                        current.Active += gap;
                    current.Last = local;
                    current.Actions++;
                    return;
                }

                Close(userId, current);
            }

            open[userId] = new OpenDay { Day = day, First = local, Last = local, Actions = 1 };
        }

        public WorkTimeReport Build()
        {
            foreach (var (userId, day) in open)
                Close(userId, day);
            open.Clear();
            var days = closed.OrderBy(d => d.Day).ThenBy(d => d.UserId).ToList();
            return new WorkTimeReport(days, (int[,])heat.Clone());
        }

        private void Close(Guid userId, OpenDay day) =>
            closed.Add(new WorkDay(userId, day.Day, day.First, day.Last, day.Active, day.Actions));
    }
}
