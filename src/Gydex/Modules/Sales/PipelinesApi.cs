using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gydex.Modules.Sales;

/// <summary>A new pipeline, or the fields of one to change (absent: unchanged).</summary>
public sealed record PipelineInput
{
    public string? Name { get; init; }

    /// <summary>True makes it the organization's default pipeline (the one new deals start in).</summary>
    public bool? IsDefault { get; init; }
}

/// <summary>A new stage, or the fields of one to change (absent: unchanged).</summary>
public sealed record StageInput
{
    public string? Name { get; init; }

    /// <summary>The chance of winning a deal at this stage, percent (0–100).</summary>
    public int? Probability { get; init; }

    /// <summary>Open, Won or Lost.</summary>
    public StageKind? Kind { get; init; }

    /// <summary>Position key (0–10000): stages show in ascending order. A new stage without it goes after the open ones.</summary>
    public int? Order { get; init; }
}

/// <summary>The stages of a pipeline in their new order: every stage once.</summary>
public sealed record StageOrderInput(IReadOnlyList<Guid>? StageIds);

/// <summary>
/// Pipelines and stages on the API, with the right of the pipelines page; every change is journaled by the
/// journal's interceptor like the page's. Refusals that depend on the data (a stage or pipeline with deals, the
/// default pipeline) are 409 problems saying what to do first.
/// </summary>
public static class PipelinesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/pipelines").WithTags("Sales");
        api.MapPost("", CreatePipeline).RequireRight(SalesRights.Pipelines).WithName("CreatePipeline")
            .WithSummary("Creates a pipeline with the stages New, Won and Lost; the first pipeline of an organization becomes its default.")
            .ProducesValidationProblem();
        api.MapPatch("/{id:guid}", PatchPipeline).RequireRight(SalesRights.Pipelines).WithName("UpdatePipeline")
            .WithSummary("Renames a pipeline or makes it the default (isDefault: true).").ProducesValidationProblem();
        api.MapDelete("/{id:guid}", DeletePipeline).RequireRight(SalesRights.Pipelines).WithName("DeletePipeline")
            .WithSummary("Deletes a pipeline and its stages; refused (409) for the default pipeline or one with deals.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/stages", CreateStage).RequireRight(SalesRights.Pipelines).WithName("CreateStage")
            .WithSummary("Adds a stage (name, probability, kind, order).").ProducesValidationProblem();
        api.MapPatch("/{id:guid}/stages/{stageId:guid}", PatchStage).RequireRight(SalesRights.Pipelines).WithName("UpdateStage")
            .WithSummary("Renames a stage or changes its probability, kind or order.").ProducesValidationProblem();
        api.MapPut("/{id:guid}/stages/order", ReorderStages).RequireRight(SalesRights.Pipelines).WithName("ReorderStages")
            .WithSummary("Puts the pipeline's stages in the order given (stageIds: every stage once).").ProducesValidationProblem();
        api.MapDelete("/{id:guid}/stages/{stageId:guid}", DeleteStage).RequireRight(SalesRights.Pipelines).WithName("DeleteStage")
            .WithSummary("Deletes a stage; refused (409) while deals are at it or when it is the pipeline's last.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreatePipeline(PipelineInput body, Pipelines pipelines, HttpRequest request, CancellationToken cancellationToken)
    {
        var created = await pipelines.CreatePipelineAsync(body?.Name, cancellationToken);
        if (created.Outcome != SalesOutcome.Done)
            return Failure(created);
        if (body?.IsDefault == true && !created.Value!.IsDefault)
            await pipelines.UpdatePipelineAsync(created.Value.Id, created.Value.Name, makeDefault: true, cancellationToken);
        var view = (await pipelines.FindAsync(created.Value!.Id, cancellationToken))!;
        return TypedResults.Created($"{request.PathBase}/api/v1/pipelines/{view.Pipeline.Id}", Response(view));
    }

    private static async Task<IResult> PatchPipeline(Guid id, PipelineInput body, Pipelines pipelines, CancellationToken cancellationToken)
    {
        if (await pipelines.FindAsync(id, cancellationToken) is not { } current)
            return TypedResults.NotFound();
        var result = await pipelines.UpdatePipelineAsync(id, body?.Name ?? current.Pipeline.Name, body?.IsDefault == true, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.Ok(Response((await pipelines.FindAsync(id, cancellationToken))!)) : Failure(result);
    }

    private static async Task<IResult> DeletePipeline(Guid id, Pipelines pipelines, CancellationToken cancellationToken)
    {
        var result = await pipelines.DeletePipelineAsync(id, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.NoContent() : Failure(result);
    }

    private static async Task<IResult> CreateStage(Guid id, StageInput body, Pipelines pipelines, HttpRequest request, CancellationToken cancellationToken)
    {
        if (await pipelines.FindAsync(id, cancellationToken) is not { } pipeline)
            return TypedResults.NotFound();
        var kind = body?.Kind ?? StageKind.Open;
        // Without an order, a new open stage goes after the open ones (before Won and Lost); a closing one at the end.
        var order = body?.Order ?? (kind == StageKind.Open
            ? pipeline.Stages.Where(s => s.Kind == StageKind.Open).Select(s => s.Order).DefaultIfEmpty(0).Max() + 1
            : pipeline.Stages.Select(s => s.Order).DefaultIfEmpty(0).Max() + 1);
        var result = await pipelines.SaveStageAsync(id, null, body?.Name, order, body?.Probability ?? 0, kind, cancellationToken);
        return result.Outcome == SalesOutcome.Done
            ? TypedResults.Created($"{request.PathBase}/api/v1/pipelines/{id}", Response(result.Value!))
            : Failure(result);
    }

    private static async Task<IResult> PatchStage(Guid id, Guid stageId, StageInput body, Pipelines pipelines, CancellationToken cancellationToken)
    {
        if (await pipelines.StageAsync(stageId, cancellationToken) is not { } stage || stage.PipelineId != id)
            return TypedResults.NotFound();
        var result = await pipelines.SaveStageAsync(id, stageId, body?.Name ?? stage.Name, body?.Order ?? stage.Order, body?.Probability ?? stage.Probability,
            body?.Kind ?? stage.Kind, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.Ok(Response(result.Value!)) : Failure(result);
    }

    private static async Task<IResult> ReorderStages(Guid id, StageOrderInput body, Pipelines pipelines, CancellationToken cancellationToken)
    {
        var result = await pipelines.ReorderStagesAsync(id, body?.StageIds, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.Ok(Response((await pipelines.FindAsync(id, cancellationToken))!)) : Failure(result);
    }

    private static async Task<IResult> DeleteStage(Guid id, Guid stageId, Pipelines pipelines, CancellationToken cancellationToken)
    {
        if (await pipelines.StageAsync(stageId, cancellationToken) is not { } stage || stage.PipelineId != id)
            return TypedResults.NotFound();
        var result = await pipelines.DeleteStageAsync(stageId, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.NoContent() : Failure(result);
    }

    internal static PipelineResponse Response(PipelineView p) =>
        new(p.Pipeline.Id, p.Pipeline.Name, p.Pipeline.IsDefault, p.Stages.Select(Response).ToList());

    private static StageResponse Response(Stage s) => new(s.Id, s.Name, s.Order, s.Probability, s.Kind);

    /// <summary>Bad fields are 400 with the fields; a refusal about the pipeline or stage as a whole is a 409 problem.</summary>
    private static IResult Failure<T>(SalesResult<T> result)
    {
        if (result.Outcome == SalesOutcome.NotFound)
            return TypedResults.NotFound();
        var errors = result.Errors!;
        if (errors.Count == 1 && errors.Keys.Single() is "pipeline" or "stage")
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The change is refused", detail: errors.Values.Single());
        return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
    }
}
