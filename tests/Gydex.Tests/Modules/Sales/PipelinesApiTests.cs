using System.Net;
using System.Text.Json;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Sales;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>Pipelines and stages on the API: create, rename, reorder, delete, with the pipelines right, problems and the journal.</summary>
public sealed class PipelinesApiTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<(Guid Id, string Name)> Stages(JsonElement pipeline) =>
        pipeline.GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("id").GetGuid(), s.GetProperty("name").GetString()!)).ToList();

    [Fact]
    public async Task A_pipeline_and_its_stages_are_created_renamed_reordered_and_deleted_each_change_journaled()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        var root = $"/{org.Slug}/api/v1/pipelines";

        using var created = await client.SendJsonAsync(HttpMethod.Post, root, token, new { name = "Опт" });
        var pipeline = await OkAsync(created, HttpStatusCode.Created);
        var id = pipeline.GetProperty("id").GetGuid();
        Assert.False(pipeline.GetProperty("isDefault").GetBoolean());
        Assert.Equal(3, Stages(pipeline).Count);

        using var renamed = await client.SendJsonAsync(HttpMethod.Patch, $"{root}/{id}", token, new { name = "Оптовые продажи", isDefault = true });
        Assert.True((await OkAsync(renamed, HttpStatusCode.OK)).GetProperty("isDefault").GetBoolean());
        using var all = await client.GetWithTokenAsync(root, token);
        var list = (await OkAsync(all, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["Оптовые продажи"], list.Where(p => p.GetProperty("isDefault").GetBoolean()).Select(p => p.GetProperty("name").GetString()));

        // A new open stage goes before Won and Lost; then renamed, given another probability, and moved first.
        using var added = await client.SendJsonAsync(HttpMethod.Post, $"{root}/{id}/stages", token, new { name = "Переговоры", probability = 50 });
        var stage = (await OkAsync(added, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var afterAdd = await client.GetWithTokenAsync(root, token);
        var stages = Stages((await OkAsync(afterAdd, HttpStatusCode.OK)).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id));
        Assert.Equal(stage, stages[1].Id);
        using var changed = await client.SendJsonAsync(HttpMethod.Patch, $"{root}/{id}/stages/{stage}", token, new { name = "Торг", probability = 60 });
        var changedStage = await OkAsync(changed, HttpStatusCode.OK);
        Assert.Equal(("Торг", 60), (changedStage.GetProperty("name").GetString(), changedStage.GetProperty("probability").GetInt32()));
        var order = new[] { stage, stages[0].Id, stages[2].Id, stages[3].Id };
        using var reordered = await client.SendJsonAsync(HttpMethod.Put, $"{root}/{id}/stages/order", token, new { stageIds = order });
        Assert.Equal(order, Stages(await OkAsync(reordered, HttpStatusCode.OK)).Select(s => s.Id));

        // Bad input: 400 naming the field.
        using var incomplete = await client.SendJsonAsync(HttpMethod.Put, $"{root}/{id}/stages/order", token, new { stageIds = order[..2] });
        Assert.True((await OkAsync(incomplete, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("stageIds", out _));
        using var tooLikely = await client.SendJsonAsync(HttpMethod.Post, $"{root}/{id}/stages", token, new { name = "Чудо", probability = 150 });
        Assert.True((await OkAsync(tooLikely, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("probability", out _));
        using var nameless = await client.SendJsonAsync(HttpMethod.Post, root, token, new { name = " " });
        Assert.True((await OkAsync(nameless, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("name", out _));

        // A stage with a deal, and the default pipeline, are not deleted: a 409 problem says what to do first.
        using var deal = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token, new { title = "Вагон труб", stageId = stage });
        await OkAsync(deal, HttpStatusCode.Created);
        using var withDeals = await client.SendJsonAsync(HttpMethod.Delete, $"{root}/{id}/stages/{stage}", token);
        var problem = await OkAsync(withDeals, HttpStatusCode.Conflict);
        Assert.Contains("has deals", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", withDeals.Content.Headers.ContentType?.MediaType);
        using var defaultOne = await client.SendJsonAsync(HttpMethod.Delete, $"{root}/{id}", token);
        await OkAsync(defaultOne, HttpStatusCode.Conflict);

        using var emptyStage = await client.SendJsonAsync(HttpMethod.Delete, $"{root}/{id}/stages/{stages[0].Id}", token);
        Assert.Equal(HttpStatusCode.NoContent, emptyStage.StatusCode);
        using var spare = await client.SendJsonAsync(HttpMethod.Post, root, token, new { name = "Временная" });
        var spareId = (await OkAsync(spare, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var spareGone = await client.SendJsonAsync(HttpMethod.Delete, $"{root}/{spareId}", token);
        Assert.Equal(HttpStatusCode.NoContent, spareGone.StatusCode);

        var actions = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .Where(r => r.Action.StartsWith("pipeline.") || r.Action.StartsWith("stage.")).Select(r => r.Action).ToListAsync());
        foreach (var action in new[] { "pipeline.created", "pipeline.changed", "pipeline.deleted", "stage.created", "stage.changed", "stage.deleted" })
            Assert.Contains(action, actions);
        Assert.True(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .AnyAsync(r => r.Action == "stage.changed" && r.Changes!.Contains("Probability") && r.Changes.Contains("60"))));
    }

    [Fact]
    public async Task Without_the_pipelines_right_changes_are_refused_and_another_organizations_pipeline_is_not_found()
    {
        var org = await factory.CreateOrgAsync();
        var other = await factory.CreateOrgAsync();
        var (otherPipeline, otherStages) = await factory.InOrgAsync(other, SalesFixtures.DefaultPipelineAsync);
        await factory.EmployeeAsync(org, "seller", null, Gydex.Kernel.Access.RightScope.All, SalesRights.DealsView, SalesRights.DealsCreate, SalesRights.DealsEdit);
        using var client = factory.Browser();
        var seller = await client.TokenForAsync(org, "seller");
        var admin = await client.TokenForAsync(org, "admin");
        var (pipeline, stages) = await factory.InOrgAsync(org, SalesFixtures.DefaultPipelineAsync);
        var root = $"/{org.Slug}/api/v1/pipelines";

        using (var refused = await client.SendJsonAsync(HttpMethod.Post, root, seller, new { name = "Своя" }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var refused = await client.SendJsonAsync(HttpMethod.Patch, $"{root}/{pipeline}/stages/{stages[0].Id}", seller, new { probability = 99 }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(10, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Stage>().Where(s => s.Id == stages[0].Id).Select(s => s.Probability).SingleAsync()));

        // Another organization's ids, even mixed with one's own, are not found.
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Patch, $"{root}/{otherPipeline}"), (HttpMethod.Delete, $"{root}/{otherPipeline}"),
                     (HttpMethod.Post, $"{root}/{otherPipeline}/stages"), (HttpMethod.Patch, $"{root}/{pipeline}/stages/{otherStages[0].Id}"),
                     (HttpMethod.Patch, $"{root}/{otherPipeline}/stages/{otherStages[0].Id}"), (HttpMethod.Delete, $"{root}/{pipeline}/stages/{otherStages[0].Id}"),
                     (HttpMethod.Put, $"{root}/{otherPipeline}/stages/order"),
                 })
        {
            using var response = await client.SendJsonAsync(method, url, admin, method == HttpMethod.Delete ? null : new { name = "Чужая", stageIds = otherStages.Select(s => s.Id) });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
        }

        Assert.Equal(otherStages.Count, await factory.InOrgAsync(other, sp => sp.GetRequiredService<OrgDbContext>().Set<Stage>().CountAsync()));
    }
}
