using System.Globalization;
using CsvHelper;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.EventLog.Pages;

/// <summary>
/// The filtered journal as CSV, streamed page by page (no record held longer than its page). The export is
/// itself journaled, with the filter it used. Cells that a spreadsheet would run as formulas are escaped.
/// </summary>
public sealed class ExportModel(JournalQuery query, JournalView view, CurrentOrganization organization, Journal journal) : PageModel
{
    private const int Batch = 1000;

    [BindProperty(SupportsGet = true)]
    public JournalFilterInput Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!ModelState.IsValid)
            return BadRequest();
        var filter = Filter.ToFilter(organization.Required);
        await journal.RecordAsync(new JournalEntry(JournalActions.Exported)
        {
            Comment = string.Join("; ", Filter.ToQuery().Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{q.Key}={q.Value}")),
        }, ct);

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"journal-{organization.Required.Slug}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true);
        await csv.WriteRecordAsync(
            ["id", "at", "action", "actionName", "ip", "user", "operator", "affectedUser", "affectedGroup", "right", "documentType", "documentCode", "comment", "changes"], ct);
        while (true)
        {
            var page = await query.PageAsync(filter, Batch, ct);
            foreach (var row in page.Records.Select(view.Row))
            {
                var r = row.Record;
                await csv.WriteRecordAsync(
                [
                    r.Id.ToString(CultureInfo.InvariantCulture),
                    row.LocalAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
                    r.Action, row.ActionName, r.Ip ?? "", r.UserName ?? "", r.OperatorName ?? "", r.AffectedUserName ?? "",
                    r.AffectedGroupName ?? "", r.Right ?? "", r.DocumentType ?? "", r.DocumentCode ?? "", r.Comment ?? "",
                    string.Join("; ", row.Changes.Select(c => $"{c.Field}: {c.Old ?? "—"} → {c.New ?? "—"}")),
                ], ct);
            }

            if (page.Next is not { } next)
                break;
            filter = filter with { Before = next };
        }

        await csv.FlushAsync(ct);
        return new EmptyResult();
    }
}
