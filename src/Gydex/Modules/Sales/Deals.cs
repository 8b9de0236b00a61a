using System.Globalization;
using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Sales;

/// <summary>What a deal is created or changed with; on a change a null field stays as it is.</summary>
public sealed record DealInput
{
    public string? Title { get; init; }

    /// <summary>An empty id clears the link.</summary>
    public Guid? CounterpartyId { get; init; }

    public Guid? ContactId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public Guid? PipelineId { get; init; }

    public Guid? StageId { get; init; }

    public DateOnly? ExpectedCloseOn { get; init; }

    public Guid? ResponsibleId { get; init; }

    /// <summary>An empty text clears it.</summary>
    public string? Source { get; init; }

    public string? LostReason { get; init; }

    /// <summary>Custom fields by key; a null value clears one; absent keys stay as they are.</summary>
    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }
}

public sealed record DealFilter
{
    public string? Q { get; init; }

    public Guid? PipelineId { get; init; }

    public Guid? StageId { get; init; }

    public Guid? ResponsibleId { get; init; }

    public Guid? CounterpartyId { get; init; }

    public Guid? ContactId { get; init; }

    /// <summary><c>open</c>, <c>won</c> or <c>lost</c>.</summary>
    public string? State { get; init; }

    /// <summary><c>updated</c> (default, newest first), <c>created</c>, <c>title</c>, <c>amount</c>, <c>close</c>.</summary>
    public string? Sort { get; init; }

    /// <summary>Custom-field filters by key (text: contains; others: equal).</summary>
    public IReadOnlyDictionary<string, string>? Custom { get; init; }

    public string? After { get; init; }

    public int Limit { get; init; } = 50;
}

public sealed record DealRow(Deal Deal, string StageName, StageKind StageKind, int Probability, string PipelineName, string ResponsibleName,
    string? CounterpartyName, string? ContactName)
{
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();
}

public sealed record StageChangeRow(DateTimeOffset At, string? From, string To, string By);

public sealed record DealView(DealRow Row, IReadOnlyList<StageChangeRow> History);

/// <summary>
/// Deals: list, board, card, create, change, move, assign, delete. Every query runs inside the data scope of the
/// right the action uses; a deal outside the view scope is not found, one seen but outside the acting right's
/// scope is refused.
/// </summary>
public sealed class Deals(OrgDbContext db, CurrentAccess access, FieldRights fieldRights, SalesPeople people, Pipelines pipelines,
    SalesCustomers customers, CustomFields fields, TimeProvider clock)
{
    public const int MaxLimit = 200;
    public static readonly IReadOnlyList<string> Sorts = ["updated", "created", "title", "amount", "close"];

    public async Task<IQueryable<Deal>> ScopedAsync(Right right, CancellationToken cancellationToken)
    {
        var scope = await access.DataScopeAsync(right, cancellationToken);
        return db.Set<Deal>().Within(scope, d => d.ResponsibleId, d => d.DepartmentId);
    }

    public async Task<SalesPage<DealRow>> ListAsync(DealFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filtered(await ScopedAsync(SalesRights.DealsView, cancellationToken), filter).AsNoTracking();
        if (filter.Custom is { Count: > 0 } custom)
        {
            var definitions = await FieldDefinitionsAsync(cancellationToken);
            foreach (var (key, value) in custom)
            {
                if (definitions.FirstOrDefault(d => d.Key == key) is { } definition && !string.IsNullOrWhiteSpace(value))
                    query = fields.Filter(query, definition, value);
            }
        }

        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        var sort = Sorts.Contains(filter.Sort ?? "") ? filter.Sort : "updated";
        var cursor = filter.After;
        query = sort switch
        {
            "created" => Keyset.Page(query, d => d.Number, d => d.Number, true, Keyset.Decode<long>(cursor, Keyset.ParseLong)),
            "title" => Keyset.Page(query, d => d.Title, d => d.Number, false, Keyset.Decode(cursor) is { Value: { } title } c ? (title, c.Number) : null),
            // Decimal cannot be ordered by SQLite: the key is the amount as a double, exact enough to order by.
            "amount" => Keyset.Page(query, d => (double)(d.Amount ?? 0m), d => d.Number, true,
                Keyset.Decode<double>(cursor, (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v))),
            "close" => Keyset.Page(query, d => d.ExpectedCloseOn ?? DateOnly.MaxValue, d => d.Number, false,
                Keyset.Decode<DateOnly>(cursor, (string t, out DateOnly v) => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out v))),
            _ => Keyset.Page(query, d => d.UpdatedAt, d => d.Number, true, Keyset.Decode<DateTimeOffset>(cursor, Keyset.ParseInstant)),
        };
        var deals = await query.Take(limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (deals.Count > limit)
        {
            deals.RemoveAt(limit);
            var last = deals[^1];
            next = Keyset.Encode(sort switch
            {
                "created" => last.Number.ToString(CultureInfo.InvariantCulture),
                "title" => last.Title,
                "amount" => ((double)(last.Amount ?? 0m)).ToString("R", CultureInfo.InvariantCulture),
                "close" => (last.ExpectedCloseOn ?? DateOnly.MaxValue).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => last.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            }, last.Number);
        }

        return new SalesPage<DealRow>(await RowsAsync(deals, cancellationToken), next);
    }

    private IQueryable<Deal> Filtered(IQueryable<Deal> query, DealFilter filter)
    {
        if (filter.PipelineId is { } pipeline)
            query = query.Where(d => d.PipelineId == pipeline);
        if (filter.StageId is { } stage)
            query = query.Where(d => d.StageId == stage);
        if (filter.ResponsibleId is { } responsible)
            query = query.Where(d => d.ResponsibleId == responsible);
        if (filter.CounterpartyId is { } counterparty)
            query = query.Where(d => d.CounterpartyId == counterparty);
        if (filter.ContactId is { } contact)
            query = query.Where(d => d.ContactId == contact);
        switch (filter.State)
        {
            case "open":
                query = query.Where(d => d.ClosedAt == null);
                break;
            case "won":
            case "lost":
                var kind = filter.State == "won" ? StageKind.Won : StageKind.Lost;
                var stages = db.Set<Stage>().Where(s => s.Kind == kind).Select(s => s.Id);
                query = query.Where(d => stages.Contains(d.StageId));
                break;
        }

        if (SalesText.Clean(filter.Q) is { } q)
        {
            if (DocumentCodes.Parse(Deal.CodePrefix, q) is { } number)
                query = query.Where(d => d.Number == number);
            else
                query = DealsSearchArea.Matching(query, q);
        }

        return query;
    }

    /// <summary>Adds names of stages, pipelines, people and parties to deals.</summary>
    public async Task<IReadOnlyList<DealRow>> RowsAsync(IReadOnlyList<Deal> deals, CancellationToken cancellationToken)
    {
        var all = await pipelines.AllAsync(cancellationToken);
        var stages = all.SelectMany(p => p.Stages).ToDictionary(s => s.Id);
        var names = all.ToDictionary(p => p.Pipeline.Id, p => p.Pipeline.Name);
        var everyone = await people.AllAsync(cancellationToken);
        var parties = await customers.NamesAsync(deals.Select(d => d.CounterpartyId), deals.Select(d => d.ContactId), cancellationToken);
        var custom = deals.Count == 0 ? [] : await fields.ValuesAsync(Deal.CustomFieldsType, deals.Select(d => d.Id).ToList(), cancellationToken);
        return deals.Select(d =>
        {
            var stage = stages.GetValueOrDefault(d.StageId);
            return new DealRow(d, stage?.Name ?? "", stage?.Kind ?? StageKind.Open, stage?.Probability ?? 0, names.GetValueOrDefault(d.PipelineId) ?? "",
                everyone.GetValueOrDefault(d.ResponsibleId)?.Name ?? "",
                d.CounterpartyId is { } c ? parties.GetValueOrDefault(c) : null, d.ContactId is { } k ? parties.GetValueOrDefault(k) : null)
            {
                CustomFields = custom.GetValueOrDefault(d.Id) ?? [],
            };
        }).ToList();
    }

    /// <summary>The deals of a pipeline's board, grouped by stage (the newest changed first, at most <paramref name="perStage"/> a stage).</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<DealRow>>> BoardAsync(PipelineView pipeline, Guid? responsible, int perStage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var scoped = await ScopedAsync(SalesRights.DealsView, cancellationToken);
        var result = new Dictionary<Guid, IReadOnlyList<DealRow>>();
        foreach (var stage in pipeline.Stages)
        {
            var query = scoped.AsNoTracking().Where(d => d.StageId == stage.Id);
            if (responsible is { } r)
                query = query.Where(d => d.ResponsibleId == r);
            var deals = await query.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Number).Take(perStage).ToListAsync(cancellationToken);
            result[stage.Id] = await RowsAsync(deals, cancellationToken);
        }

        return result;
    }

    public async Task<DealView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var deal = await (await ScopedAsync(SalesRights.DealsView, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (deal is null)
            return null;
        var row = (await RowsAsync([deal], cancellationToken))[0];
        var stages = (await pipelines.AllAsync(cancellationToken)).SelectMany(p => p.Stages).ToDictionary(s => s.Id, s => s.Name);
        var changes = await db.Set<DealStageChange>().AsNoTracking().Where(c => c.DealId == id).OrderByDescending(c => c.ChangedAt).Take(100).ToListAsync(cancellationToken);
        var history = new List<StageChangeRow>();
        foreach (var c in changes)
        {
            history.Add(new StageChangeRow(c.ChangedAt, c.FromStageId is { } f ? stages.GetValueOrDefault(f) : null, stages.GetValueOrDefault(c.ToStageId) ?? "",
                await people.NameAsync(c.ChangedById, cancellationToken)));
        }

        return new DealView(row, history);
    }

    public async Task<SalesResult<Deal>> CreateAsync(DealInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var me = access.UserId ?? Guid.Empty;
        var deal = new Deal { Id = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now, CreatedById = me, ResponsibleId = me, Currency = "RUB" };
        var pipeline = await pipelines.FindAsync(input.PipelineId, cancellationToken);
        if (pipeline is null || pipeline.Stages.Count == 0)
            return SalesResult.Invalid<Deal>("pipelineId", "Unknown pipeline.");
        deal.PipelineId = pipeline.Pipeline.Id;
        deal.StageId = input.StageId ?? pipeline.Stages[0].Id;
        var errors = await ApplyAsync(deal, input with { StageId = deal.StageId, PipelineId = deal.PipelineId }, isNew: true, cancellationToken);
        var custom = await CustomAsync(input, complete: true, errors, cancellationToken);
        if (errors.Count > 0)
            return SalesResult.Invalid<Deal>(errors);
        db.Add(deal);
        await fields.StageAsync(Deal.CustomFieldsType, deal.Id, await FieldDefinitionsAsync(cancellationToken), custom.Values, cancellationToken);
        db.Add(new DealStageChange { Id = Guid.CreateVersion7(), DealId = deal.Id, ToStageId = deal.StageId, ChangedAt = now, ChangedById = access.UserId });
        await SalesNumbers.SaveNumberedAsync(db, deal, d => d.Number, (d, n) => d.Number = n, cancellationToken);
        return SalesResult.Done<Deal>(deal);
    }

    /// <summary>The deal to change: seen under the view scope (else not found) and reached by <paramref name="right"/>'s scope (else refused).</summary>
    private async Task<SalesResult<Deal>> ForActionAsync(Guid id, Right right, CancellationToken cancellationToken)
    {
        if (!await (await ScopedAsync(SalesRights.DealsView, cancellationToken)).AnyAsync(d => d.Id == id, cancellationToken))
            return SalesResult.NotFound<Deal>();
        var deal = await (await ScopedAsync(right, cancellationToken)).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return deal is null ? SalesResult.Refused<Deal>(right) : SalesResult.Done<Deal>(deal);
    }

    public async Task<SalesResult<Deal>> UpdateAsync(Guid id, DealInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = await ForActionAsync(id, SalesRights.DealsEdit, cancellationToken);
        if (found.Outcome != SalesOutcome.Done)
            return found;
        var deal = found.Value!;
        var stageBefore = deal.StageId;
        var errors = await ApplyAsync(deal, input, isNew: false, cancellationToken);
        var custom = await CustomAsync(input, complete: false, errors, cancellationToken);
        if (errors.Count > 0)
            return SalesResult.Invalid<Deal>(errors);
        await fields.StageAsync(Deal.CustomFieldsType, deal.Id, await FieldDefinitionsAsync(cancellationToken), custom.Values, cancellationToken);
        if (deal.StageId != stageBefore)
            db.Add(new DealStageChange { Id = Guid.CreateVersion7(), DealId = deal.Id, FromStageId = stageBefore, ToStageId = deal.StageId, ChangedAt = clock.GetUtcNow(), ChangedById = access.UserId });
        if (db.Entry(deal).State == EntityState.Modified)
            deal.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<Deal>(deal);
    }

    /// <summary>A move on the board: only the stage changes (and the pipeline with it), with the edit right's scope.</summary>
    public Task<SalesResult<Deal>> MoveAsync(Guid id, Guid stageId, string? lostReason, CancellationToken cancellationToken) =>
        UpdateAsync(id, new DealInput { StageId = stageId, LostReason = lostReason }, cancellationToken);

    public async Task<SalesResult<Deal>> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await ForActionAsync(id, SalesRights.DealsDelete, cancellationToken);
        if (found.Outcome != SalesOutcome.Done)
            return found;
        await fields.RemoveAllAsync(id, cancellationToken);
        db.Remove(found.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    public Task<IReadOnlyList<CustomFieldDefinition>> FieldDefinitionsAsync(CancellationToken cancellationToken) =>
        fields.DefinitionsAsync(Deal.CustomFieldsType, cancellationToken);

    private async Task<CustomFieldInput> CustomAsync(DealInput input, bool complete, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var custom = CustomFields.Validate(await FieldDefinitionsAsync(cancellationToken), input.CustomFields ?? new Dictionary<string, string?>(), complete);
        foreach (var (key, problem) in custom.Errors)
            errors[CustomFields.FormPrefix + key] = problem;
        return custom;
    }

    /// <summary>Gives deals to another employee; those outside the edit scope are left alone and counted.</summary>
    public async Task<SalesResult<(int Done, int Skipped)>> AssignAsync(IReadOnlyCollection<Guid> ids, Guid responsibleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var person = await people.FindActiveAsync(responsibleId, cancellationToken);
        if (person is null)
            return SalesResult.Invalid<(int, int)>("responsibleId", "Unknown employee.");
        var deals = await (await ScopedAsync(SalesRights.DealsEdit, cancellationToken)).Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        foreach (var deal in deals.Where(d => d.ResponsibleId != responsibleId))
        {
            deal.ResponsibleId = responsibleId;
            deal.DepartmentId = person.DepartmentId;
            deal.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<(int, int)>((deals.Count, ids.Distinct().Count() - deals.Count));
    }

    public async Task<SalesResult<(int Done, int Skipped)>> DeleteManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var deals = await (await ScopedAsync(SalesRights.DealsDelete, cancellationToken)).Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        foreach (var deal in deals)
            await fields.RemoveAllAsync(deal.Id, cancellationToken);
        db.RemoveRange(deals);
        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<(int, int)>((deals.Count, ids.Distinct().Count() - deals.Count));
    }

    private async Task<Dictionary<string, string>> ApplyAsync(Deal deal, DealInput input, bool isNew, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (input.Title is not null || isNew)
        {
            var title = SalesText.Clean(input.Title);
            if (title is null || title.Length > Deal.TitleMaxLength)
                errors["title"] = "The title is required (at most 200 characters).";
            else
                deal.Title = title;
        }

        if (input.StageId is { } stageId && (isNew || stageId != deal.StageId))
        {
            var stage = await pipelines.StageAsync(stageId, cancellationToken);
            if (stage is null || (isNew && input.PipelineId is { } p && stage.PipelineId != p))
            {
                errors["stageId"] = "Unknown stage of this pipeline.";
            }
            else
            {
                deal.StageId = stage.Id;
                deal.PipelineId = stage.PipelineId;
                deal.ClosedAt = stage.Kind == StageKind.Open ? null : clock.GetUtcNow();
            }
        }
        else if (!isNew && input.PipelineId is { } pipelineId && pipelineId != deal.PipelineId)
        {
            // Another pipeline without a stage: the deal starts at its first stage.
            var pipeline = await pipelines.FindAsync(pipelineId, cancellationToken);
            if (pipeline is null || pipeline.Stages.Count == 0)
                errors["pipelineId"] = "Unknown pipeline.";
            else
            {
                deal.PipelineId = pipelineId;
                deal.StageId = pipeline.Stages[0].Id;
                deal.ClosedAt = pipeline.Stages[0].Kind == StageKind.Open ? null : clock.GetUtcNow();
            }
        }

        if (input.Amount is { } amount)
        {
            if (amount < 0 || amount > 999_999_999_999_999.99m || decimal.Round(amount, 2) != amount)
                errors["amount"] = "The amount is a non-negative number with at most two decimals.";
            else
                deal.Amount = await fieldRights.ApplyAsync(SalesRights.DealAmount, (decimal?)amount, deal.Amount, cancellationToken);
        }

        if (input.Currency is not null)
        {
            var currency = input.Currency.Trim().ToUpperInvariant();
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
                errors["currency"] = "The currency is a three-letter ISO code such as RUB.";
            else
                deal.Currency = await fieldRights.ApplyAsync(SalesRights.DealCurrency, currency, deal.Currency, cancellationToken);
        }

        if (input.ExpectedCloseOn is { } close)
        {
            if (close.Year is < 2000 or > 2200)
                errors["expectedCloseOn"] = "The expected close date is out of range.";
            else
                deal.ExpectedCloseOn = close;
        }

        if (input.ResponsibleId is { } responsibleId && (isNew || responsibleId != deal.ResponsibleId))
        {
            var person = await people.FindActiveAsync(responsibleId, cancellationToken);
            if (person is null)
                errors["responsibleId"] = "Unknown employee.";
            else
            {
                deal.ResponsibleId = person.Id;
                deal.DepartmentId = person.DepartmentId;
            }
        }
        else if (isNew)
        {
            deal.DepartmentId = (await people.AllAsync(cancellationToken)).GetValueOrDefault(deal.ResponsibleId)?.DepartmentId;
        }

        if (input.Source is not null)
        {
            var source = SalesText.Clean(input.Source);
            if (SalesText.TooLong(source, Deal.SourceMaxLength))
                errors["source"] = "The source is at most 100 characters.";
            else
                deal.Source = source;
        }

        if (input.LostReason is not null)
        {
            var reason = SalesText.Clean(input.LostReason);
            if (SalesText.TooLong(reason, Deal.LostReasonMaxLength))
                errors["lostReason"] = "The lost reason is at most 500 characters.";
            else
                deal.LostReason = reason;
        }

        if (input.CounterpartyId is { } counterpartyId)
        {
            if (counterpartyId == Guid.Empty)
                deal.CounterpartyId = null;
            // An unchanged link stays even when the counterparty is beyond the user's sight.
            else if (counterpartyId != deal.CounterpartyId && !await customers.CounterpartyExistsAsync(counterpartyId, cancellationToken))
                errors["counterpartyId"] = "Unknown counterparty.";
            else
                deal.CounterpartyId = counterpartyId;
        }

        if (input.ContactId is { } contactId)
        {
            if (contactId == Guid.Empty)
                deal.ContactId = null;
            else if (contactId != deal.ContactId && !await customers.ContactExistsAsync(contactId, cancellationToken))
                errors["contactId"] = "Unknown contact.";
            else
                deal.ContactId = contactId;
        }

        return errors;
    }
}
