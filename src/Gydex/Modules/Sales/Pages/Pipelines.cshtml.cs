using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

/// <summary>The pipelines and their stages: names, order, probabilities, kinds; the default pipeline.</summary>
public sealed class PipelinesModel(Pipelines pipelines, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    public IReadOnlyList<PipelineView> All { get; private set; } = [];

    private string Here => Url.Content("~/sales/pipelines");

    public async Task<IActionResult> OnGetAsync()
    {
        All = await pipelines.AllAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostCreatePipelineAsync(string? name) =>
        await Saved(await pipelines.CreatePipelineAsync(name, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostUpdatePipelineAsync(Guid id, string? name, bool makeDefault) =>
        await Saved(await pipelines.UpdatePipelineAsync(id, name, makeDefault, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDeletePipelineAsync(Guid id) =>
        await Saved(await pipelines.DeletePipelineAsync(id, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostSaveStageAsync(Guid pipelineId, Guid? stageId, string? name, int order, int probability, StageKind kind) =>
        await Saved(await pipelines.SaveStageAsync(pipelineId, stageId, name, order, probability, kind, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDeleteStageAsync(Guid stageId) =>
        await Saved(await pipelines.DeleteStageAsync(stageId, HttpContext.RequestAborted));

    private async Task<IActionResult> Saved<T>(SalesResult<T> result)
    {
        if (result.Outcome == SalesOutcome.Done)
            Done("Saved.");
        return await OutcomeAsync(result, () => Here, OnGetAsync);
    }
}
