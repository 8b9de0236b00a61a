using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Gydex.Kernel.EventLog.WorkTime;

/// <summary>The texts the charts need, already in the reader's language.</summary>
public sealed record WorkTimeChartTexts(string BarsTitle, string HeatTitle, string HoursFormat, string ActionsFormat);

/// <summary>
/// The report's charts as inline SVG drawn on the server: no script, scaled by its viewBox to the screen's width
/// (360 units fit a 390 px phone), every bar and cell carrying a &lt;title&gt; that screen readers and hover show.
/// </summary>
public static class WorkTimeCharts
{
    private const int Width = 360;
    private const int LabelWidth = 120;
    private const int RowHeight = 18;
    private const int DayHeaderHeight = 20;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Per day, one horizontal bar per employee: active hours, with the figure beside the bar.</summary>
    public static IHtmlContent ActiveHoursBars(WorkTimeResult result, WorkTimeChartTexts texts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(texts);
        var days = result.Report.Days.GroupBy(d => d.Day).ToList();
        var maxHours = Math.Max(1, result.Report.Days.Select(d => d.Active.TotalHours).DefaultIfEmpty(0).Max());
        var height = days.Sum(g => DayHeaderHeight + (g.Count() * RowHeight)) + 4;
        var barSpace = Width - LabelWidth - 44;
        var svg = Open("worktime-bars", texts.BarsTitle, height);
        var y = 0;
        foreach (var day in days)
        {
            y += DayHeaderHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"day\" x=\"0\" y=\"{y - 6}\">{Encode(day.Key.ToString("ddd dd.MM.yyyy", CultureInfo.CurrentCulture))}</text>");
            foreach (var work in day.OrderBy(d => result.Employee(d.UserId).Name, StringComparer.CurrentCulture))
            {
                var name = result.Employee(work.UserId).Name;
                var hours = work.Active.TotalHours;
                var length = Math.Max(1, hours / maxHours * barSpace);
                var label = string.Format(CultureInfo.CurrentCulture, texts.HoursFormat, hours);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<g data-day=\"{day.Key:yyyy-MM-dd}\" data-user=\"{work.UserId}\"><title>{Encode($"{name}, {day.Key.ToString("dd.MM.yyyy", CultureInfo.CurrentCulture)}: {label}")}</title>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\">{Encode(Shorten(name, 18))}</text>");
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{RowHeight - 6}\" rx=\"2\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 4:0.#}\" y=\"{y + 13}\">{Encode(hours.ToString("0.0", CultureInfo.CurrentCulture))}</text></g>");
                y += RowHeight;
            }
        }

        return Close(svg);
    }

    /// <summary>Actions per hour of the day (columns) and weekday (rows, Monday first); darker is busier.</summary>
    public static IHtmlContent HourHeatMap(WorkTimeResult result, WorkTimeChartTexts texts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(texts);
        const int left = 28;
        const int top = 16;
        const int cellHeight = 20;
        var cellWidth = (Width - left) / 24.0;
        var max = Math.Max(1, result.Report.MaxActionsPerHour);
        var svg = Open("worktime-heat", texts.HeatTitle, top + (7 * cellHeight) + 2);
        for (var hour = 0; hour < 24; hour += 3)
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{left + (hour * cellWidth):0.#}\" y=\"11\">{hour:00}</text>");
        var names = CultureInfo.CurrentCulture.DateTimeFormat;
        for (var row = 0; row < 7; row++)
        {
            var weekday = (DayOfWeek)((row + 1) % 7);
            var y = top + (row * cellHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"0\" y=\"{y + 14}\">{Encode(names.GetAbbreviatedDayName(weekday))}</text>");
            for (var hour = 0; hour < 24; hour++)
            {
                var count = result.Report.ActionsAt(weekday, hour);
                var title = $"{names.GetDayName(weekday)} {hour:00}:00–{(hour + 1) % 24:00}:00: {string.Format(CultureInfo.CurrentCulture, texts.ActionsFormat, count)}";
                // A floor of opacity keeps a quiet hour visibly different from an empty one.
                var opacity = count == 0 ? 0 : 0.15 + (0.85 * count / max);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"cell{(count == 0 ? " empty" : "")}\" data-weekday=\"{(int)weekday}\" data-hour=\"{hour}\" data-count=\"{count}\" x=\"{left + (hour * cellWidth):0.##}\" y=\"{y}\" width=\"{cellWidth - 1:0.##}\" height=\"{cellHeight - 2}\" fill-opacity=\"{opacity:0.##}\"><title>{Encode(title)}</title></rect>");
            }
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart {id}\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Encode(string text) => Encoder.Encode(text);

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
