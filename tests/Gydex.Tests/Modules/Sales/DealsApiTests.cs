using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Sales;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>Deals on the API: CRUD with stage history and journal, validation, keyset paging, scopes, field right, other organizations.</summary>
public sealed class DealsApiTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static readonly Right[] DealRights = [SalesRights.DealsView, SalesRights.DealsCreate, SalesRights.DealsEdit, SalesRights.DealsDelete, SalesRights.DealAmounts];

    [Fact]
    public async Task A_new_organization_has_a_default_pipeline_with_won_and_lost_stages()
    {
        var org = await factory.CreateOrgAsync();
        var (_, stages) = await factory.InOrgAsync(org, SalesFixtures.DefaultPipelineAsync);
        Assert.Equal(7, stages.Count);
        Assert.Single(stages, s => s.Kind == StageKind.Won && s.Probability == 100);
        Assert.Single(stages, s => s.Kind == StageKind.Lost && s.Probability == 0);
        Assert.Equal(stages.OrderBy(s => s.Order).Select(s => s.Id), stages.Select(s => s.Id));
    }

    [Fact]
    public async Task Create_read_change_move_and_delete_a_deal_keeping_its_stage_history_and_journal()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        var (_, stages) = await factory.InOrgAsync(org, SalesFixtures.DefaultPipelineAsync);

        using var created = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token,
            new { title = "Supply of pipes", amount = 125000.50m, currency = "rub", expectedCloseOn = "2026-12-20", source = "Website" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = await created.JsonAsync();
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.Equal("DL-000001", json.RootElement.GetProperty("code").GetString());
        Assert.Equal(125000.50m, json.RootElement.GetProperty("amount").GetDecimal());
        Assert.Equal("RUB", json.RootElement.GetProperty("currency").GetString());
        Assert.Equal(stages[0].Id, json.RootElement.GetProperty("stageId").GetGuid());

        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/deals/{id}", token, new { title = "Supply of steel pipes", stageId = stages[2].Id });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        using (var body = await patched.JsonAsync())
        {
            Assert.Equal("Supply of steel pipes", body.RootElement.GetProperty("title").GetString());
            Assert.Equal(stages[2].Name, body.RootElement.GetProperty("stage").GetString());
            Assert.Equal("Website", body.RootElement.GetProperty("source").GetString());
        }

        using var won = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/deals/{id}", token, new { stageId = stages.Single(s => s.Kind == StageKind.Won).Id });
        using (var body = await won.JsonAsync())
            Assert.NotEqual(System.Text.Json.JsonValueKind.Null, body.RootElement.GetProperty("closedAt").ValueKind);

        using var got = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals/{id}", token);
        using (var body = await got.JsonAsync())
        {
            var history = body.RootElement.GetProperty("stageHistory").EnumerateArray().ToList();
            Assert.Equal(3, history.Count);
            Assert.Equal(stages[2].Name, history[0].GetProperty("from").GetString());
            Assert.Equal(stages[0].Name, history[1].GetProperty("from").GetString());
            Assert.Equal("Admin " + org.Slug, history[0].GetProperty("by").GetString());
        }

        var actions = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .Where(r => r.DocumentType == "deal" && r.DocumentId == id.ToString()).OrderBy(r => r.Id).Select(r => new { r.Action, r.DocumentCode, r.Changes }).ToListAsync());
        Assert.Equal(["deal.created", "deal.moved", "deal.moved"], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal("DL-000001", a.DocumentCode));
        Assert.Contains("Supply of steel pipes", actions[1].Changes, StringComparison.Ordinal);

        using var deleted = await client.SendJsonAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/deals/{id}", token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals/{id}", token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.True(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().AnyAsync(r => r.Action == "deal.deleted" && r.DocumentId == id.ToString())));
    }

    [Theory]
    [InlineData("""{"title": ""}""", "title")]
    [InlineData("""{"title": "x", "amount": -5}""", "amount")]
    [InlineData("""{"title": "x", "amount": 1.234}""", "amount")]
    [InlineData("""{"title": "x", "currency": "RUBLE"}""", "currency")]
    [InlineData("""{"title": "x", "stageId": "6a0f7e2c-0000-4000-8000-000000000001"}""", "stageId")]
    [InlineData("""{"title": "x", "responsibleId": "6a0f7e2c-0000-4000-8000-000000000001"}""", "responsibleId")]
    [InlineData("""{"title": "x", "counterpartyId": "6a0f7e2c-0000-4000-8000-000000000001"}""", "counterpartyId")]
    [InlineData("""{"title": "x", "contactId": "6a0f7e2c-0000-4000-8000-000000000001"}""", "contactId")]
    public async Task Bad_input_gets_problem_details_naming_the_field_and_stores_nothing(string body, string field)
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        using var response = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = await response.JsonAsync();
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), json.RootElement.ToString());
        Assert.Equal(0, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().CountAsync()));
    }

    [Fact]
    public async Task A_forged_cursor_whose_key_is_not_of_the_sort_starts_from_the_first_page()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        await factory.InOrgAsync(org, async sp =>
        {
            await SalesFixtures.DealAsync(sp, adminId, "Alpha", 100m);
            return true;
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        var forged = Gydex.Kernel.Persistence.Keyset.Encode("not a number", 1);
        var huge = Gydex.Kernel.Persistence.Keyset.Encode(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
        foreach (var sort in Deals.Sorts)
        {
            foreach (var after in new[] { forged, huge })
            {
                using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals?sort={sort}&after={after}", token);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{sort}: {(int)response.StatusCode}");
                using var json = await response.JsonAsync();
                if (sort != "title")
                    Assert.Equal(["Alpha"], json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!));
            }
        }

        foreach (var path in new[] { "tasks", "activities" })
        {
            using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/{path}?after={forged}", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Keyset_pages_walk_every_deal_once_in_each_sort_order()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        await factory.InOrgAsync(org, async sp =>
        {
            foreach (var (title, amount) in new[] { ("Beta", 300m), ("Alpha", 100m), ("Delta", 100m), ("Gamma", 50.5m), ("Epsilon", 1000m) })
                await SalesFixtures.DealAsync(sp, adminId, title, amount);
            return true;
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        foreach (var sort in Deals.Sorts)
        {
            var seen = new List<string>();
            string? after = null;
            for (var page = 0; page < 5; page++)
            {
                using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals?sort={sort}&limit=2" + (after is null ? "" : "&after=" + after), token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var json = await response.JsonAsync();
                seen.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!));
                after = json.RootElement.GetProperty("next").GetString();
                if (after is null)
                    break;
            }

            Assert.Equal(5, seen.Count);
            Assert.Equal(5, seen.Distinct().Count());
            if (sort == "title")
                Assert.Equal(["Alpha", "Beta", "Delta", "Epsilon", "Gamma"], seen);
            if (sort == "amount")
                Assert.Equal("Epsilon", seen[0]);
        }
    }

    [Fact]
    public async Task Own_department_and_all_scopes_decide_the_list_and_access_by_id()
    {
        var org = await factory.CreateOrgAsync();
        var sales = await factory.DepartmentAsync(org, "Sales");
        var other = await factory.DepartmentAsync(org, "Other");
        var own = await factory.EmployeeAsync(org, "own", sales, RightScope.Own, DealRights);
        var dept = await factory.EmployeeAsync(org, "dept", sales, RightScope.Department, DealRights);
        var all = await factory.EmployeeAsync(org, "all", other, RightScope.All, DealRights);
        var (ownDeal, deptDeal, otherDeal) = await factory.InOrgAsync(org, async sp =>
            ((await SalesFixtures.DealAsync(sp, own.Id, "Own deal")).Id, (await SalesFixtures.DealAsync(sp, dept.Id, "Department deal")).Id,
                (await SalesFixtures.DealAsync(sp, all.Id, "Other department deal")).Id));
        using var client = factory.Browser();

        async Task<List<string>> TitlesAsync(string login)
        {
            var token = await client.TokenForAsync(org, login);
            using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals?sort=title", token);
            using var json = await response.JsonAsync();
            return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        }

        Assert.Equal(["Own deal"], await TitlesAsync("own"));
        Assert.Equal(["Department deal", "Own deal"], await TitlesAsync("dept"));
        Assert.Equal(["Department deal", "Other department deal", "Own deal"], await TitlesAsync("all"));

        var ownToken = await client.TokenForAsync(org, "own");
        foreach (var id in new[] { deptDeal, otherDeal })
        {
            using var get = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals/{id}", ownToken);
            using var patch = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/deals/{id}", ownToken, new { title = "Taken" });
            using var delete = await client.SendJsonAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/deals/{id}", ownToken);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        var deptToken = await client.TokenForAsync(org, "dept");
        using (var seen = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals/{ownDeal}", deptToken))
            Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        using (var unseen = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals/{otherDeal}", deptToken))
            Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        Assert.Equal(3, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().CountAsync(d => d.Title != "Taken")));
    }

    [Fact]
    public async Task A_deal_seen_but_beyond_the_edit_scope_is_refused_with_403_naming_the_right_and_recorded()
    {
        var org = await factory.CreateOrgAsync();
        var viewer = await factory.AddUserAsync(org, "viewer");
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Set<UserGrant>().Add(new UserGrant { UserId = viewer.Id, RightCode = SalesRights.DealsView.Code, Scope = RightScope.All });
            db.Set<UserGrant>().Add(new UserGrant { UserId = viewer.Id, RightCode = SalesRights.DealsEdit.Code, Scope = RightScope.Own });
            return await db.SaveChangesAsync();
        });
        var adminId = await factory.UserIdAsync(org, "admin");
        var deal = await factory.InOrgAsync(org, sp => SalesFixtures.DealAsync(sp, adminId, "Admin's deal"));
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "viewer");

        using var response = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/deals/{deal.Id}", token, new { title = "Mine now" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var json = await response.JsonAsync();
        Assert.Equal(SalesRights.DealsEdit.Code, json.RootElement.GetProperty("right").GetString());
        var last = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal(("access.denied", SalesRights.DealsEdit.Code, viewer.Id), (last.Action, last.Right, last.UserId));
        Assert.Equal("Admin's deal", await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().Select(d => d.Title).SingleAsync()));
    }

    [Fact]
    public async Task Without_the_amount_right_a_submitted_amount_is_ignored_and_the_attempt_recorded()
    {
        var org = await factory.CreateOrgAsync();
        var seller = await factory.EmployeeAsync(org, "seller", null, RightScope.Own, SalesRights.DealsView, SalesRights.DealsCreate, SalesRights.DealsEdit);
        var deal = await factory.InOrgAsync(org, sp => SalesFixtures.DealAsync(sp, seller.Id, "Discounted", 5000m));
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "seller");

        using var response = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/deals/{deal.Id}", token, new { amount = 1m, title = "Discounted deal" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().SingleAsync());
        Assert.Equal((5000m, "Discounted deal"), (stored.Amount!.Value, stored.Title));
        Assert.True(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .AnyAsync(r => r.Action == "access.denied" && r.Right == SalesRights.DealAmounts.Code && r.UserId == seller.Id)));
    }

    [Fact]
    public async Task Another_organizations_deal_task_and_activity_ids_answer_404_on_every_endpoint()
    {
        var mine = await factory.CreateOrgAsync();
        var theirs = await factory.CreateOrgAsync();
        var theirAdmin = await factory.UserIdAsync(theirs, "admin");
        var sample = await factory.InOrgAsync(theirs, sp => SalesFixtures.SampleAsync(sp, theirAdmin));
        using var client = factory.Browser();
        var token = await client.TokenForAsync(mine, "admin");
        foreach (var (kind, id) in new[] { ("deals", sample.DealId), ("tasks", sample.TaskId), ("activities", sample.ActivityId) })
        {
            using var get = await client.GetWithTokenAsync($"/{mine.Slug}/api/v1/{kind}/{id}", token);
            using var patch = await client.SendJsonAsync(HttpMethod.Patch, $"/{mine.Slug}/api/v1/{kind}/{id}", token, "{}");
            using var delete = await client.SendJsonAsync(HttpMethod.Delete, $"/{mine.Slug}/api/v1/{kind}/{id}", token);
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, patch.StatusCode, delete.StatusCode));
        }

        using var link = await client.SendJsonAsync(HttpMethod.Post, $"/{mine.Slug}/api/v1/activities", token,
            new { kind = "Call", subject = "Hijack", recordType = "deal", recordId = sample.DealId });
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        using var move = await client.SendJsonAsync(HttpMethod.Post, $"/{mine.Slug}/api/v1/deals", token, new { title = "x", stageId = sample.OtherStageId });
        Assert.Equal(HttpStatusCode.BadRequest, move.StatusCode);
        Assert.Equal(1, await factory.InOrgAsync(theirs, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().CountAsync(d => d.Title == "Sample deal")));
    }

    [Theory]
    [InlineData("q=' OR 1=1 --")]
    [InlineData("q=%25")]
    [InlineData("after=not-a-cursor")]
    [InlineData("after=' OR 1=1 --")]
    [InlineData("sort=Title;DROP TABLE Deals")]
    [InlineData("limit=100000")]
    [InlineData("state=<script>")]
    public async Task Hostile_list_parameters_find_nothing_extra_and_break_nothing(string query)
    {
        var org = await factory.CreateOrgAsync();
        var seller = await factory.EmployeeAsync(org, "seller", null, RightScope.Own, SalesRights.DealsView);
        var adminId = await factory.UserIdAsync(org, "admin");
        await factory.InOrgAsync(org, async sp =>
        {
            await SalesFixtures.DealAsync(sp, seller.Id, "Seller's deal");
            return await SalesFixtures.DealAsync(sp, adminId, "Admin's deal");
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "seller");
        using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals?{query}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("DL-000002", await response.CodesAsync());
        Assert.Equal(2, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().CountAsync()));
    }
}
