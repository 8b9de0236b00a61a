using Gydex.Kernel.EventLog.WorkTime;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.EventLog.Pages;

/// <summary>The working-time report as CSV or Excel, for the same filter as the page. The export is journaled.</summary>
public sealed class WorkTimeExportModel(WorkTimeService service, CurrentOrganization organization, Journal journal, TimeProvider clock) : PageModel
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [BindProperty(SupportsGet = true)]
    public WorkTimeInput Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var format = Format?.ToUpperInvariant() switch { null or "" or "CSV" => "csv", "XLSX" => "xlsx", _ => null };
        var period = ModelState.IsValid ? Filter.ToFilter(service.Today(clock.GetUtcNow())) : null;
        if (format is null || period is null)
            return BadRequest();
        var result = await service.BuildAsync(period, ct);
        await journal.RecordAsync(new JournalEntry(JournalActions.Exported)
        {
            Comment = $"working time {format}: " + string.Join("; ", Filter.ToQuery(period).Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{q.Key}={q.Value}")),
        }, ct);

        var name = $"worktime-{organization.Required.Slug}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.{format}";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        if (format == "csv")
        {
            Response.ContentType = "text/csv; charset=utf-8";
            await WorkTimeExport.WriteCsvAsync(result, Response.Body, ct);
            return new EmptyResult();
        }

        // The package is a zip that needs a seekable stream; a report has one row per employee-day, so memory holds it.
        var buffer = new MemoryStream();
        WorkTimeExport.WriteXlsx(result, buffer, $"{period.From:yyyy-MM-dd} – {period.To:yyyy-MM-dd}");
        buffer.Position = 0;
        return File(buffer, XlsxType, name);
    }
}
