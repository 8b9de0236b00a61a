using System.Globalization;
using CsvHelper;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Modules.Sales.Pages;

/// <summary>
/// A filtered list as CSV, written page by page as the list pages (keyset, no COUNT); the export is journaled
/// with its filter. Cells a spreadsheet would run as formulas are escaped.
/// </summary>
public static class SalesCsv
{
    public const int Batch = 500;

    /// <summary>At most this many rows: an export is for working with, not a backup.</summary>
    public const int MaxRows = 100_000;

    public static async Task WriteAsync(PageModel page, string name, IReadOnlyList<string> header,
        Func<string?, CancellationToken, Task<(IEnumerable<string[]> Rows, string? Next)>> pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(pages);
        var response = page.Response;
        var organization = page.HttpContext.RequestServices.GetRequiredService<CurrentOrganization>().Required;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{organization.Slug}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var csv = CsvWriter.Create(response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true);
        await csv.WriteRecordAsync(header.ToArray(), cancellationToken);
        string? after = null;
        var written = 0;
        do
        {
            var (rows, next) = await pages(after, cancellationToken);
            foreach (var row in rows)
            {
                await csv.WriteRecordAsync(row, cancellationToken);
                written++;
            }

            after = next;
        }
        while (after is not null && written < MaxRows);
        await csv.FlushAsync(cancellationToken);
    }

    public static string Query(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Join("; ", request.Query.Where(q => q.Key != "handler").Select(q => $"{q.Key}={q.Value}"));
    }
}

public sealed class DealsExportModel(Deals deals, Journal journal) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? PipelineId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? StageId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Responsible { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await journal.RecordAsync(new JournalEntry(SalesJournal.DealsExported) { DocumentType = "deal", Comment = SalesCsv.Query(Request) }, ct);
        var filter = new DealFilter { Q = Q, PipelineId = PipelineId, StageId = StageId, ResponsibleId = Responsible, State = State, Sort = Sort, Limit = SalesCsv.Batch };
        await SalesCsv.WriteAsync(this, "deals",
            ["code", "title", "pipeline", "stage", "probability", "amount", "currency", "counterparty", "contact", "responsible", "expectedCloseOn", "source", "lostReason", "createdAt", "updatedAt"],
            async (after, token) =>
            {
                var page = await deals.ListAsync(filter with { After = after }, token);
                return (page.Items.Select(r => new[]
                {
                    r.Deal.Code, r.Deal.Title, r.PipelineName, r.StageName, r.Probability.ToString(CultureInfo.InvariantCulture),
                    r.Deal.Amount?.ToString(CultureInfo.InvariantCulture) ?? "", r.Deal.Currency, r.CounterpartyName ?? "", r.ContactName ?? "", r.ResponsibleName,
                    r.Deal.ExpectedCloseOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.Deal.Source ?? "", r.Deal.LostReason ?? "",
                    r.Deal.CreatedAt.ToString("O", CultureInfo.InvariantCulture), r.Deal.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
                }), page.Next);
            }, ct);
        return new EmptyResult();
    }
}

public sealed class TasksExportModel(Tasks tasks, Journal journal) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await journal.RecordAsync(new JournalEntry(SalesJournal.TasksExported) { DocumentType = "task", Comment = SalesCsv.Query(Request) }, ct);
        var filter = TasksModel.FilterFor(View, State) with { Limit = SalesCsv.Batch };
        await SalesCsv.WriteAsync(this, "tasks",
            ["code", "title", "assignee", "deadline", "priority", "status", "overdue", "completedAt", "completedOnTime", "about"],
            async (after, token) =>
            {
                var page = await tasks.ListAsync(filter with { After = after }, token);
                return (page.Items.Select(r => new[]
                {
                    r.Task.Code, r.Task.Title, r.AssigneeName, r.Task.Deadline?.ToString("O", CultureInfo.InvariantCulture) ?? "", r.Task.Priority.ToString(),
                    r.Task.Status.ToString(), r.Overdue ? "true" : "false", r.Task.CompletedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                    r.Task.CompletedOnTime is { } onTime ? (onTime ? "true" : "false") : "", r.RecordCode ?? "",
                }), page.Next);
            }, ct);
        return new EmptyResult();
    }
}

public sealed class ActivitiesExportModel(Activities activities, Journal journal) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ActivityKind? Kind { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await journal.RecordAsync(new JournalEntry(SalesJournal.ActivitiesExported) { DocumentType = "activity", Comment = SalesCsv.Query(Request) }, ct);
        var filter = new ActivityFilter { Kind = Kind, Limit = SalesCsv.Batch };
        await SalesCsv.WriteAsync(this, "activities",
            ["occurredAt", "kind", "subject", "durationMinutes", "result", "recordType", "record", "responsible"],
            async (after, token) =>
            {
                var page = await activities.ListAsync(filter with { After = after }, token);
                return (page.Items.Select(r => new[]
                {
                    r.Activity.OccurredAt.ToString("O", CultureInfo.InvariantCulture), r.Activity.Kind.ToString(), r.Activity.Subject,
                    r.Activity.DurationMinutes?.ToString(CultureInfo.InvariantCulture) ?? "", r.Activity.Result ?? "", r.Activity.RecordType, r.RecordCode ?? "",
                    r.ResponsibleName,
                }), page.Next);
            }, ct);
        return new EmptyResult();
    }
}
