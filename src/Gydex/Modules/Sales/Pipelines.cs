using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Sales;

public sealed record PipelineView(Pipeline Pipeline, IReadOnlyList<Stage> Stages);

/// <summary>The organization's pipelines and their stages, and their configuration.</summary>
public sealed class Pipelines(OrgDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<PipelineView>> AllAsync(CancellationToken cancellationToken)
    {
        var pipelines = await db.Set<Pipeline>().AsNoTracking().OrderBy(p => p.Order).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var stages = (await db.Set<Stage>().AsNoTracking().ToListAsync(cancellationToken)).ToLookup(s => s.PipelineId);
        return pipelines.Select(p => new PipelineView(p, stages[p.Id].OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.CurrentCulture).ToList())).ToList();
    }

    public async Task<PipelineView?> FindAsync(Guid? id, CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        return id is { } key ? all.FirstOrDefault(p => p.Pipeline.Id == key) : all.FirstOrDefault(p => p.Pipeline.IsDefault) ?? (all.Count > 0 ? all[0] : null);
    }

    public Task<Stage?> StageAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Stage>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<SalesResult<Pipeline>> CreatePipelineAsync(string? name, CancellationToken cancellationToken)
    {
        name = SalesText.Clean(name);
        if (name is null || name.Length > Pipeline.NameMaxLength)
            return SalesResult.Invalid<Pipeline>("name", "The name is required (at most 100 characters).");
        var order = await db.Set<Pipeline>().Select(p => (int?)p.Order).MaxAsync(cancellationToken) ?? 0;
        var pipeline = new Pipeline { Id = Guid.CreateVersion7(), Name = name, Order = order + 1, CreatedAt = clock.GetUtcNow(), IsDefault = !await db.Set<Pipeline>().AnyAsync(cancellationToken) };
        db.Add(pipeline);
        // A pipeline is usable at once: it starts with the three stages every pipeline needs.
        db.AddRange(
            new Stage { Id = Guid.CreateVersion7(), PipelineId = pipeline.Id, Name = "New", Order = 1, Probability = 10, Kind = StageKind.Open },
            new Stage { Id = Guid.CreateVersion7(), PipelineId = pipeline.Id, Name = "Won", Order = 100, Probability = 100, Kind = StageKind.Won },
            new Stage { Id = Guid.CreateVersion7(), PipelineId = pipeline.Id, Name = "Lost", Order = 101, Probability = 0, Kind = StageKind.Lost });
        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<Pipeline>(pipeline);
    }

    public async Task<SalesResult<Pipeline>> UpdatePipelineAsync(Guid id, string? name, bool makeDefault, CancellationToken cancellationToken)
    {
        var pipeline = await db.Set<Pipeline>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pipeline is null)
            return SalesResult.NotFound<Pipeline>();
        name = SalesText.Clean(name);
        if (name is null || name.Length > Pipeline.NameMaxLength)
            return SalesResult.Invalid<Pipeline>("name", "The name is required (at most 100 characters).");
        pipeline.Name = name;
        if (makeDefault && !pipeline.IsDefault)
        {
            foreach (var other in await db.Set<Pipeline>().Where(p => p.IsDefault).ToListAsync(cancellationToken))
                other.IsDefault = false;
            pipeline.IsDefault = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<Pipeline>(pipeline);
    }

    public async Task<SalesResult<Pipeline>> DeletePipelineAsync(Guid id, CancellationToken cancellationToken)
    {
        var pipeline = await db.Set<Pipeline>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pipeline is null)
            return SalesResult.NotFound<Pipeline>();
        if (pipeline.IsDefault)
            return SalesResult.Invalid<Pipeline>("pipeline", "The default pipeline cannot be deleted: make another one the default first.");
        if (await db.Set<Deal>().AnyAsync(d => d.PipelineId == id, cancellationToken))
            return SalesResult.Invalid<Pipeline>("pipeline", "The pipeline has deals: move them to another pipeline first.");
        db.RemoveRange(await db.Set<Stage>().Where(s => s.PipelineId == id).ToListAsync(cancellationToken));
        db.Remove(pipeline);
        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<Pipeline>(pipeline);
    }

    public async Task<SalesResult<Stage>> SaveStageAsync(Guid pipelineId, Guid? stageId, string? name, int order, int probability, StageKind kind, CancellationToken cancellationToken)
    {
        if (!await db.Set<Pipeline>().AnyAsync(p => p.Id == pipelineId, cancellationToken))
            return SalesResult.NotFound<Stage>();
        name = SalesText.Clean(name);
        var errors = new Dictionary<string, string>();
        if (name is null || name.Length > Stage.NameMaxLength)
            errors["name"] = "The name is required (at most 100 characters).";
        if (probability is < 0 or > 100)
            errors["probability"] = "The probability is a percentage from 0 to 100.";
        if (order is < 0 or > 10000)
            errors["order"] = "The order is a number from 0 to 10000.";
        if (!Enum.IsDefined(kind))
            errors["kind"] = "Unknown kind of stage.";
        if (errors.Count > 0)
            return SalesResult.Invalid<Stage>(errors);
        Stage? stage;
        if (stageId is { } sid)
        {
            stage = await db.Set<Stage>().SingleOrDefaultAsync(s => s.Id == sid && s.PipelineId == pipelineId, cancellationToken);
            if (stage is null)
                return SalesResult.NotFound<Stage>();
        }
        else
        {
            stage = new Stage { Id = Guid.CreateVersion7(), PipelineId = pipelineId };
            db.Add(stage);
        }

        stage.Name = name!;
        stage.Order = order;
        stage.Probability = probability;
        stage.Kind = kind;
        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<Stage>(stage);
    }

    /// <summary>Puts a pipeline's stages in the order given; the list names each of its stages exactly once.</summary>
    public async Task<SalesResult<IReadOnlyList<Stage>>> ReorderStagesAsync(Guid pipelineId, IReadOnlyList<Guid>? order, CancellationToken cancellationToken)
    {
        if (!await db.Set<Pipeline>().AnyAsync(p => p.Id == pipelineId, cancellationToken))
            return SalesResult.NotFound<IReadOnlyList<Stage>>();
        var stages = await db.Set<Stage>().Where(s => s.PipelineId == pipelineId).ToListAsync(cancellationToken);
        if (order is null || order.Count != stages.Count || order.Distinct().Count() != order.Count || order.Any(id => stages.All(s => s.Id != id)))
            return SalesResult.Invalid<IReadOnlyList<Stage>>("stageIds", "List every stage of the pipeline once, in the new order.");
        for (var i = 0; i < order.Count; i++)
            stages.Single(s => s.Id == order[i]).Order = (i + 1) * 10;
        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<IReadOnlyList<Stage>>(stages.OrderBy(s => s.Order).ToList());
    }

    public async Task<SalesResult<Stage>> DeleteStageAsync(Guid stageId, CancellationToken cancellationToken)
    {
        var stage = await db.Set<Stage>().SingleOrDefaultAsync(s => s.Id == stageId, cancellationToken);
        if (stage is null)
            return SalesResult.NotFound<Stage>();
        if (await db.Set<Deal>().AnyAsync(d => d.StageId == stageId, cancellationToken))
            return SalesResult.Invalid<Stage>("stage", "The stage has deals: move them to another stage first.");
        if (await db.Set<Stage>().CountAsync(s => s.PipelineId == stage.PipelineId, cancellationToken) <= 1)
            return SalesResult.Invalid<Stage>("stage", "A pipeline keeps at least one stage.");
        db.Remove(stage);
        await db.SaveChangesAsync(cancellationToken);
        return SalesResult.Done<Stage>(stage);
    }
}

/// <summary>
/// Every organization starts with a sales pipeline of the usual stages, named in its language; existing
/// organizations get it at the next start if they have none.
/// </summary>
public sealed class SalesOrganizationSeed(TimeProvider clock) : IOrganizationSeed, IOrganizationUpgrade
{
    public int Order => 20;

    public Task SeedAsync(IServiceProvider orgServices, Organization organization, GydexUser administrator, CancellationToken cancellationToken) =>
        UpgradeAsync(orgServices, organization, cancellationToken);

    public async Task UpgradeAsync(IServiceProvider orgServices, Organization organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgServices);
        ArgumentNullException.ThrowIfNull(organization);
        var db = orgServices.GetRequiredService<OrgDbContext>();
        await FillSearchTextAsync(db, cancellationToken);
        if (await db.Set<Pipeline>().AnyAsync(cancellationToken))
            return;
        var ru = organization.DefaultLanguage == "ru";
        var pipeline = new Pipeline { Id = Guid.CreateVersion7(), Name = ru ? "Продажи" : "Sales", Order = 1, IsDefault = true, CreatedAt = clock.GetUtcNow() };
        db.Add(pipeline);
        (string Ru, string En, int Probability, StageKind Kind)[] stages =
        [
            ("Новая", "New", 10, StageKind.Open),
            ("Квалификация", "Qualification", 20, StageKind.Open),
            ("Предложение", "Proposal", 40, StageKind.Open),
            ("Переговоры", "Negotiation", 60, StageKind.Open),
            ("Договор", "Contract", 80, StageKind.Open),
            ("Успешно", "Won", 100, StageKind.Won),
            ("Провалена", "Lost", 0, StageKind.Lost),
        ];
        var order = 0;
        foreach (var (nameRu, nameEn, probability, kind) in stages)
            db.Add(new Stage { Id = Guid.CreateVersion7(), PipelineId = pipeline.Id, Name = ru ? nameRu : nameEn, Order = ++order * 10, Probability = probability, Kind = kind });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Deals and tasks made before the search column existed get it filled, a thousand at a time; written past the
    /// change tracker, as the column is derived and its filling is no change anyone made.
    /// </summary>
    private static async Task FillSearchTextAsync(OrgDbContext db, CancellationToken cancellationToken)
    {
        // Walked by id from where the last batch ended: asking again for "the first thousand still empty" would
        // rescan every row filled before it, quadratic in the table.
        var dealsToFill = await db.Set<Deal>().AnyAsync(d => d.SearchText == "", cancellationToken);
        for (var after = Guid.Empty; dealsToFill;)
        {
            var from = after;
            var deals = await db.Set<Deal>().AsNoTracking().Where(d => d.Id.CompareTo(from) > 0).OrderBy(d => d.Id).Take(1000)
                .Select(d => new { d.Id, d.Title, d.Source, d.SearchText }).ToListAsync(cancellationToken);
            foreach (var d in deals.Where(d => d.SearchText.Length == 0))
            {
                var text = SalesSearchText.Of(d.Title, d.Source);
                await db.Set<Deal>().Where(x => x.Id == d.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SearchText, text.Length == 0 ? " " : text), cancellationToken);
            }

            if (deals.Count < 1000)
                break;
            after = deals[^1].Id;
        }

        var tasksToFill = await db.Set<SalesTask>().AnyAsync(t => t.SearchText == "", cancellationToken);
        for (var after = Guid.Empty; tasksToFill;)
        {
            var from = after;
            var tasks = await db.Set<SalesTask>().AsNoTracking().Where(t => t.Id.CompareTo(from) > 0).OrderBy(t => t.Id).Take(1000)
                .Select(t => new { t.Id, t.Title, t.SearchText }).ToListAsync(cancellationToken);
            foreach (var t in tasks.Where(t => t.SearchText.Length == 0))
            {
                var text = SalesSearchText.Of(t.Title);
                await db.Set<SalesTask>().Where(x => x.Id == t.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SearchText, text.Length == 0 ? " " : text), cancellationToken);
            }

            if (tasks.Count < 1000)
                break;
            after = tasks[^1].Id;
        }
    }
}
