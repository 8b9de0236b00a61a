using Gydex.Kernel.Persistence;
using Gydex.Modules.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests;

/// <summary>Deals, tasks and activities made directly in an organization's database, for tests to act on.</summary>
public static class SalesFixtures
{
    /// <summary>What the access matrix acts on; the spare pipeline has no deals, so it may be deleted.</summary>
    public sealed record Sample(Guid PipelineId, Guid FirstStageId, Guid OtherStageId, Guid DealId, Guid TaskId, Guid ActivityId, Guid SparePipelineId = default, Guid SpareStageId = default);

    public static async Task<(Guid PipelineId, IReadOnlyList<Stage> Stages)> DefaultPipelineAsync(IServiceProvider sp)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var db = sp.GetRequiredService<OrgDbContext>();
        var pipeline = await db.Set<Pipeline>().SingleAsync(p => p.IsDefault);
        var stages = await db.Set<Stage>().Where(s => s.PipelineId == pipeline.Id).OrderBy(s => s.Order).ToListAsync();
        return (pipeline.Id, stages);
    }

    public static async Task<Deal> DealAsync(IServiceProvider sp, Guid responsibleId, string title, decimal? amount = null, Guid? departmentId = null)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var db = sp.GetRequiredService<OrgDbContext>();
        var (pipelineId, stages) = await DefaultPipelineAsync(sp);
        var number = (await db.Set<Deal>().Select(d => (long?)d.Number).MaxAsync() ?? 0) + 1;
        var deal = new Deal
        {
            Id = Guid.CreateVersion7(), Number = number, Title = title, Amount = amount, Currency = "RUB", PipelineId = pipelineId, StageId = stages[0].Id,
            ResponsibleId = responsibleId, DepartmentId = departmentId ?? await db.Users.Where(u => u.Id == responsibleId).Select(u => u.DepartmentId).SingleAsync(),
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(deal);
        await db.SaveChangesAsync();
        return deal;
    }

    public static async Task<SalesTask> TaskAsync(IServiceProvider sp, Guid assigneeId, string title, DateTimeOffset? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var db = sp.GetRequiredService<OrgDbContext>();
        var number = (await db.Set<SalesTask>().Select(t => (long?)t.Number).MaxAsync() ?? 0) + 1;
        var task = new SalesTask
        {
            Id = Guid.CreateVersion7(), Number = number, Title = title, AssigneeId = assigneeId, Deadline = deadline,
            DepartmentId = await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DepartmentId).SingleAsync(), CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    public static async Task<Activity> ActivityAsync(IServiceProvider sp, Guid responsibleId, Guid dealId, string subject)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var db = sp.GetRequiredService<OrgDbContext>();
        var number = (await db.Set<Activity>().Select(a => (long?)a.Number).MaxAsync() ?? 0) + 1;
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(), Number = number, Kind = ActivityKind.Call, Subject = subject, OccurredAt = DateTimeOffset.UtcNow, RecordType = RecordTypes.Deal,
            RecordId = dealId, ResponsibleId = responsibleId, DepartmentId = await db.Users.Where(u => u.Id == responsibleId).Select(u => u.DepartmentId).SingleAsync(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(activity);
        await db.SaveChangesAsync();
        return activity;
    }

    /// <summary>A deal, a task and an activity of <paramref name="ownerId"/>, in the default pipeline.</summary>
    public static async Task<Sample> SampleAsync(IServiceProvider sp, Guid ownerId)
    {
        var (pipelineId, stages) = await DefaultPipelineAsync(sp);
        var deal = await DealAsync(sp, ownerId, "Sample deal", 1000m);
        var task = await TaskAsync(sp, ownerId, "Sample task", DateTimeOffset.UtcNow.AddDays(1));
        var activity = await ActivityAsync(sp, ownerId, deal.Id, "Sample call");
        var db = sp.GetRequiredService<OrgDbContext>();
        var spare = new Pipeline { Id = Guid.CreateVersion7(), Name = "Spare", Order = 2, CreatedAt = DateTimeOffset.UtcNow };
        db.Add(spare);
        var spareStage = new Stage { Id = Guid.CreateVersion7(), PipelineId = spare.Id, Name = "New", Order = 1, Probability = 10, Kind = StageKind.Open };
        db.Add(spareStage);
        await db.SaveChangesAsync();
        return new Sample(pipelineId, stages[0].Id, stages[1].Id, deal.Id, task.Id, activity.Id, spare.Id, spareStage.Id);
    }
}
