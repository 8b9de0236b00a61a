using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gydex.Modules.Sales;

public sealed record DealResponse(Guid Id, string Code, string Title, Guid? CounterpartyId, string? Counterparty, Guid? ContactId, string? Contact,
    decimal? Amount, string Currency, Guid PipelineId, string Pipeline, Guid StageId, string Stage, StageKind StageKind, int Probability,
    DateOnly? ExpectedCloseOn, Guid ResponsibleId, string Responsible, Guid? DepartmentId, string? Source, string? LostReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt, IReadOnlyDictionary<string, string> CustomFields)
{
    public static DealResponse From(DealRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var d = r.Deal;
        return new(d.Id, d.Code, d.Title, d.CounterpartyId, r.CounterpartyName, d.ContactId, r.ContactName, d.Amount, d.Currency, d.PipelineId, r.PipelineName,
            d.StageId, r.StageName, r.StageKind, r.Probability, d.ExpectedCloseOn, d.ResponsibleId, r.ResponsibleName, d.DepartmentId, d.Source, d.LostReason,
            d.CreatedAt, d.UpdatedAt, d.ClosedAt, r.CustomFields);
    }
}

public sealed record StageChangeResponse(DateTimeOffset At, string? From, string To, string By);

public sealed record DealDetailResponse(DealResponse Deal, IReadOnlyList<StageChangeResponse> StageHistory);

public sealed record TaskResponse(Guid Id, string Code, string Title, string? Description, Guid AssigneeId, string Assignee, IReadOnlyList<Guid> Coworkers,
    DateTimeOffset? Deadline, TaskPriority Priority, SalesTaskStatus Status, bool Overdue, string? RecordType, Guid? RecordId, string? Record,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, bool? CompletedOnTime)
{
    public static TaskResponse From(TaskRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = r.Task;
        return new(t.Id, t.Code, t.Title, t.Description, t.AssigneeId, r.AssigneeName, r.Coworkers.Select(c => c.Id).ToList(), t.Deadline, t.Priority, t.Status,
            r.Overdue, t.RecordType, t.RecordId, r.RecordCode, t.CreatedAt, t.CompletedAt, t.CompletedOnTime);
    }
}

public sealed record ActivityResponse(Guid Id, ActivityKind Kind, string Subject, DateTimeOffset OccurredAt, int? DurationMinutes, string? Result,
    string RecordType, Guid RecordId, string? Record, Guid ResponsibleId, string Responsible)
{
    public static ActivityResponse From(ActivityRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var a = r.Activity;
        return new(a.Id, a.Kind, a.Subject, a.OccurredAt, a.DurationMinutes, a.Result, a.RecordType, a.RecordId, r.RecordCode, a.ResponsibleId, r.ResponsibleName);
    }
}

public sealed record StageResponse(Guid Id, string Name, int Order, int Probability, StageKind Kind);

public sealed record PipelineResponse(Guid Id, string Name, bool IsDefault, IReadOnlyList<StageResponse> Stages);

public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// Deals, tasks and activities on the API: the same services, rights and scopes as the pages. Outside the
/// scope (or another organization's id) answers 404; seen but beyond the acting right's scope, 403.
/// </summary>
public static class SalesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Sales");
        api.MapGet("/pipelines", GetPipelines).RequireRight(SalesRights.DealsView).WithName("ListPipelines").WithSummary("The pipelines and their stages.");

        api.MapGet("/deals", ListDeals).RequireRight(SalesRights.DealsView).WithName("ListDeals")
            .WithSummary("Deals within the caller's scope: filters (q, pipelineId, stageId, responsibleId, counterpartyId, contactId, state=open|won|lost, cf.<key> for custom fields), sort (updated, created, title, amount, close), cursor paging (after, limit ≤ 200).");
        api.MapGet("/deals/{id:guid}", GetDeal).RequireRight(SalesRights.DealsView).WithName("GetDeal").WithSummary("A deal with its stage history.");
        api.MapPost("/deals", CreateDeal).RequireRight(SalesRights.DealsCreate).WithName("CreateDeal")
            .WithSummary("Creates a deal; the caller is its responsible unless responsibleId says otherwise; the default pipeline's first stage unless given.")
            .ProducesValidationProblem();
        api.MapPatch("/deals/{id:guid}", PatchDeal).RequireRight(SalesRights.DealsEdit).WithName("UpdateDeal")
            .WithSummary("Changes the fields given (absent or null: unchanged; an empty id or text clears a link or text). A new stageId moves the deal and is kept in its stage history.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/deals/{id:guid}", DeleteDeal).RequireRight(SalesRights.DealsDelete).WithName("DeleteDeal").WithSummary("Deletes a deal.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/tasks", ListTasks).RequireRight(SalesRights.TasksView).WithName("ListTasks")
            .WithSummary("Tasks within the caller's scope: mine, assigneeId, status, open, overdue, recordType+recordId, q; sort (deadline, created, priority); cursor paging.");
        api.MapGet("/tasks/{id:guid}", GetTask).RequireRight(SalesRights.TasksView).WithName("GetTask").WithSummary("A task.");
        api.MapPost("/tasks", CreateTask).RequireRight(SalesRights.TasksCreate).WithName("CreateTask").WithSummary("Creates a task (for the caller unless assigneeId says otherwise).")
            .ProducesValidationProblem();
        api.MapPatch("/tasks/{id:guid}", PatchTask).RequireRight(SalesRights.TasksEdit).WithName("UpdateTask")
            .WithSummary("Changes the fields given; status Done completes the task and keeps whether it was on time.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/tasks/{id:guid}", DeleteTask).RequireRight(SalesRights.TasksDelete).WithName("DeleteTask").WithSummary("Deletes a task.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/activities", ListActivities).RequireRight(SalesRights.ActivitiesView).WithName("ListActivities")
            .WithSummary("Calls, meetings and e-mails within the caller's scope: kind, recordType+recordId, responsibleId; newest first; cursor paging.");
        api.MapGet("/activities/{id:guid}", GetActivity).RequireRight(SalesRights.ActivitiesView).WithName("GetActivity").WithSummary("An activity.");
        api.MapPost("/activities", CreateActivity).RequireRight(SalesRights.ActivitiesCreate).WithName("CreateActivity")
            .WithSummary("Logs a call, meeting or e-mail against a deal, counterparty or contact the caller may see.").ProducesValidationProblem();
        api.MapPatch("/activities/{id:guid}", PatchActivity).RequireRight(SalesRights.ActivitiesEdit).WithName("UpdateActivity")
            .WithSummary("Changes the fields given.").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/activities/{id:guid}", DeleteActivity).RequireRight(SalesRights.ActivitiesDelete).WithName("DeleteActivity").WithSummary("Deletes an activity.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Ok<List<PipelineResponse>>> GetPipelines(Pipelines pipelines, CancellationToken cancellationToken) =>
        TypedResults.Ok((await pipelines.AllAsync(cancellationToken)).Select(PipelinesApi.Response).ToList());

    // ---- deals

    private static async Task<Ok<ListResponse<DealResponse>>> ListDeals(string? q, Guid? pipelineId, Guid? stageId, Guid? responsibleId, Guid? counterpartyId,
        Guid? contactId, string? state, string? sort, string? after, int? limit, Deals deals, HttpRequest request, CancellationToken cancellationToken)
    {
        var page = await deals.ListAsync(new DealFilter
        {
            Q = q, PipelineId = pipelineId, StageId = stageId, ResponsibleId = responsibleId, CounterpartyId = counterpartyId, ContactId = contactId,
            State = state, Sort = sort, After = after, Limit = limit ?? 50, Custom = CustomFilters(request),
        }, cancellationToken);
        return TypedResults.Ok(new ListResponse<DealResponse>(page.Items.Select(DealResponse.From).ToList(), page.Next));
    }

    private static async Task<Results<Ok<DealDetailResponse>, NotFound>> GetDeal(Guid id, Deals deals, CancellationToken cancellationToken) =>
        await deals.FindAsync(id, cancellationToken) is { } view
            ? TypedResults.Ok(new DealDetailResponse(DealResponse.From(view.Row), view.History.Select(h => new StageChangeResponse(h.At, h.From, h.To, h.By)).ToList()))
            : TypedResults.NotFound();

    private static async Task<IResult> CreateDeal(DealInput body, Deals deals, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await deals.CreateAsync(body ?? new DealInput(), cancellationToken);
        if (result.Outcome != SalesOutcome.Done)
            return await FailureAsync(result, request, cancellationToken);
        var view = await deals.FindAsync(result.Value!.Id, cancellationToken);
        // Given to someone outside the caller's scope, the new deal is no longer the caller's to see.
        return view is null
            ? TypedResults.Created($"{request.PathBase}/api/v1/deals/{result.Value.Id}", new { id = result.Value.Id, code = result.Value.Code })
            : TypedResults.Created($"{request.PathBase}/api/v1/deals/{result.Value.Id}", DealResponse.From(view.Row));
    }

    private static async Task<IResult> PatchDeal(Guid id, DealInput body, Deals deals, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await deals.UpdateAsync(id, body ?? new DealInput(), cancellationToken);
        if (result.Outcome != SalesOutcome.Done)
            return await FailureAsync(result, request, cancellationToken);
        return await deals.FindAsync(id, cancellationToken) is { } view ? TypedResults.Ok(DealResponse.From(view.Row)) : TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteDeal(Guid id, Deals deals, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await deals.DeleteAsync(id, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.NoContent() : await FailureAsync(result, request, cancellationToken);
    }

    /// <summary>The custom-field filters of a list's query: <c>cf.&lt;key&gt;=value</c>.</summary>
    internal static Dictionary<string, string> CustomFilters(HttpRequest request) =>
        request.Query.Where(q => q.Key.StartsWith(Gydex.Kernel.CustomFields.CustomFields.FormPrefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(q.Value))
            .ToDictionary(q => q.Key[Gydex.Kernel.CustomFields.CustomFields.FormPrefix.Length..], q => q.Value.ToString(), StringComparer.Ordinal);

    // ---- tasks

    private static async Task<Ok<ListResponse<TaskResponse>>> ListTasks(bool? mine, Guid? assigneeId, SalesTaskStatus? status, bool? open, bool? overdue,
        string? recordType, Guid? recordId, string? q, string? sort, string? after, int? limit, Tasks tasks, CancellationToken cancellationToken)
    {
        var page = await tasks.ListAsync(new TaskFilter
        {
            Mine = mine == true, AssigneeId = assigneeId, Status = status, OpenOnly = open == true, OverdueOnly = overdue == true,
            RecordType = recordType, RecordId = recordId, Q = q, Sort = sort, After = after, Limit = limit ?? 50,
        }, cancellationToken);
        return TypedResults.Ok(new ListResponse<TaskResponse>(page.Items.Select(TaskResponse.From).ToList(), page.Next));
    }

    private static async Task<Results<Ok<TaskResponse>, NotFound>> GetTask(Guid id, Tasks tasks, CancellationToken cancellationToken) =>
        await tasks.FindAsync(id, cancellationToken) is { } row ? TypedResults.Ok(TaskResponse.From(row)) : TypedResults.NotFound();

    private static async Task<IResult> CreateTask(TaskInput body, Tasks tasks, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await tasks.CreateAsync(body ?? new TaskInput(), cancellationToken);
        if (result.Outcome != SalesOutcome.Done)
            return await FailureAsync(result, request, cancellationToken);
        var row = await tasks.FindAsync(result.Value!.Id, cancellationToken);
        return row is null
            ? TypedResults.Created($"{request.PathBase}/api/v1/tasks/{result.Value.Id}", new { id = result.Value.Id, code = result.Value.Code })
            : TypedResults.Created($"{request.PathBase}/api/v1/tasks/{result.Value.Id}", TaskResponse.From(row));
    }

    private static async Task<IResult> PatchTask(Guid id, TaskInput body, Tasks tasks, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await tasks.UpdateAsync(id, body ?? new TaskInput(), cancellationToken);
        if (result.Outcome != SalesOutcome.Done)
            return await FailureAsync(result, request, cancellationToken);
        return await tasks.FindAsync(id, cancellationToken) is { } row ? TypedResults.Ok(TaskResponse.From(row)) : TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteTask(Guid id, Tasks tasks, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await tasks.DeleteAsync(id, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.NoContent() : await FailureAsync(result, request, cancellationToken);
    }

    // ---- activities

    private static async Task<Ok<ListResponse<ActivityResponse>>> ListActivities(ActivityKind? kind, string? recordType, Guid? recordId, Guid? responsibleId,
        string? after, int? limit, Activities activities, CancellationToken cancellationToken)
    {
        var page = await activities.ListAsync(new ActivityFilter
        {
            Kind = kind, RecordType = recordType, RecordId = recordId, ResponsibleId = responsibleId, After = after, Limit = limit ?? 50,
        }, cancellationToken);
        return TypedResults.Ok(new ListResponse<ActivityResponse>(page.Items.Select(ActivityResponse.From).ToList(), page.Next));
    }

    private static async Task<Results<Ok<ActivityResponse>, NotFound>> GetActivity(Guid id, Activities activities, CancellationToken cancellationToken) =>
        await activities.FindAsync(id, cancellationToken) is { } row ? TypedResults.Ok(ActivityResponse.From(row)) : TypedResults.NotFound();

    private static async Task<IResult> CreateActivity(ActivityInput body, Activities activities, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await activities.CreateAsync(body ?? new ActivityInput(), cancellationToken);
        if (result.Outcome != SalesOutcome.Done)
            return await FailureAsync(result, request, cancellationToken);
        var row = await activities.FindAsync(result.Value!.Id, cancellationToken);
        return TypedResults.Created($"{request.PathBase}/api/v1/activities/{result.Value.Id}", row is null ? null : ActivityResponse.From(row));
    }

    private static async Task<IResult> PatchActivity(Guid id, ActivityInput body, Activities activities, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await activities.UpdateAsync(id, body ?? new ActivityInput(), cancellationToken);
        if (result.Outcome != SalesOutcome.Done)
            return await FailureAsync(result, request, cancellationToken);
        return await activities.FindAsync(id, cancellationToken) is { } row ? TypedResults.Ok(ActivityResponse.From(row)) : TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteActivity(Guid id, Activities activities, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await activities.DeleteAsync(id, cancellationToken);
        return result.Outcome == SalesOutcome.Done ? TypedResults.NoContent() : await FailureAsync(result, request, cancellationToken);
    }

    /// <summary>Not found, refused (recorded, 403 naming the right) or invalid (400 with the fields).</summary>
    private static async Task<IResult> FailureAsync<T>(SalesResult<T> result, HttpRequest request, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case SalesOutcome.NotFound:
                return TypedResults.NotFound();
            case SalesOutcome.Refused:
                var right = result.Right!;
                await SalesDenials.RecordAsync(request.HttpContext, right, "(beyond the right's scope)", cancellationToken);
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Access is prohibited",
                    detail: $"This record is beyond the scope of your right '{right.Code}' ({right.Title.En}).", extensions: new Dictionary<string, object?> { ["right"] = right.Code });
            default:
                return TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }
    }
}

/// <summary>Records an action refused because the record lies beyond the acting right's scope.</summary>
public static class SalesDenials
{
    public static async Task RecordAsync(HttpContext context, Right right, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recorder = context.RequestServices.GetRequiredService<IAccessDenialRecorder>();
        var access = context.RequestServices.GetRequiredService<CurrentAccess>();
        await recorder.RecordAsync(new AccessDenial(right, $"{context.Request.PathBase}{context.Request.Path} {what}", context.Request.Method,
            access.UserId, context.User.Identity?.Name, context.Connection.RemoteIpAddress?.ToString()), cancellationToken);
    }
}
