using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

/// <summary>The kanban board: a pipeline's deals in columns by stage; a drop (or the stage picker) moves a deal.</summary>
public sealed class BoardModel(Deals deals, Pipelines pipelines, SalesPeople people, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    public const int PerStage = 100;

    public IReadOnlyList<PipelineView> All { get; private set; } = [];

    public PipelineView? Pipeline { get; private set; }

    public IReadOnlyDictionary<Guid, IReadOnlyList<DealRow>> Columns { get; private set; } = new Dictionary<Guid, IReadOnlyList<DealRow>>();

    public IReadOnlyList<Person> People { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? PipelineId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Responsible { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        All = await pipelines.AllAsync(ct);
        Pipeline = await pipelines.FindAsync(PipelineId, ct);
        if (Pipeline is null)
            return PipelineId is null ? Page() : NotFound();
        Columns = await deals.BoardAsync(Pipeline, Responsible, PerStage, ct);
        People = await people.ActiveAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid stageId, string? lostReason)
    {
        var result = await deals.MoveAsync(id, stageId, lostReason, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The deal has been moved.");
        return await OutcomeAsync(result, () => Url.Content("~/deals/board") + (result.Value is { } d ? $"?pipelineId={d.PipelineId}#deal-{d.Id}" : ""), OnGetAsync);
    }
}
