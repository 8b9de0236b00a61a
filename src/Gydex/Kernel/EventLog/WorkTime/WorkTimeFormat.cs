using System.Globalization;

namespace Gydex.Kernel.EventLog.WorkTime;

public static class WorkTimeFormat
{
    /// <summary>Hours and minutes, e.g. "7:05"; the same in every language, and whole days stay as hours ("26:30").</summary>
    public static string Duration(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}:{value.Minutes:00}");
}
