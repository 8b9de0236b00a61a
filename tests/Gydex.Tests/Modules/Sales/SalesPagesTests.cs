using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Sales;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>The sales pages: create, change, move on the board (with and without the right), bulk actions, tasks and the reminder.</summary>
public sealed class SalesPagesTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private Task<T> Db<T>(TestOrg org, Func<OrgDbContext, Task<T>> work) => factory.InOrgAsync(org, sp => work(sp.GetRequiredService<OrgDbContext>()));

    [Fact]
    public async Task A_deal_is_created_changed_and_deleted_through_its_pages_with_its_history_shown()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        var (_, stages) = await factory.InOrgAsync(org, SalesFixtures.DefaultPipelineAsync);
        var adminId = await factory.UserIdAsync(org, "admin");

        using var created = await browser.PostFormAsync($"/{org.Slug}/deals/new", new Dictionary<string, string>
        {
            ["Form.Title"] = "Windows for the school", ["Form.StageId"] = stages[1].Id.ToString(), ["Form.Amount"] = "1 500 000,75",
            ["Form.Currency"] = "RUB", ["Form.ResponsibleId"] = adminId.ToString(), ["Form.ExpectedCloseOn"] = "2027-02-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var deal = await Db(org, db => db.Set<Deal>().SingleAsync());
        Assert.Equal((1_500_000.75m, stages[1].Id, new DateOnly(2027, 2, 1)), (deal.Amount!.Value, deal.StageId, deal.ExpectedCloseOn!.Value));

        using var saved = await browser.PostFormAsync($"/{org.Slug}/deals/{deal.Id}", new Dictionary<string, string>
        {
            ["Form.Title"] = "Windows for school No. 5", ["Form.StageId"] = stages[1].Id.ToString(), ["Form.Amount"] = "1600000",
            ["Form.Currency"] = "RUB", ["Form.ResponsibleId"] = adminId.ToString(), ["Form.Source"] = "Tender",
        }, $"/{org.Slug}/deals/{deal.Id}?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetPageAsync($"/{org.Slug}/deals/{deal.Id}");
        Assert.Contains("Windows for school No. 5", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tender", page.QuerySelector("[data-section=history]")!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("table[data-table=stage-history] tbody tr"));

        using var bad = await browser.PostFormAsync($"/{org.Slug}/deals/{deal.Id}", new Dictionary<string, string>
        {
            ["Form.Title"] = "", ["Form.Amount"] = "lots",
        }, $"/{org.Slug}/deals/{deal.Id}?handler=Save");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("amount", Html.Errors(await Html.ParseAsync(bad)), StringComparison.OrdinalIgnoreCase);

        using var deleted = await browser.PostFormAsync($"/{org.Slug}/deals/{deal.Id}", new Dictionary<string, string>(), $"/{org.Slug}/deals/{deal.Id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await Db(org, db => db.Set<Deal>().CountAsync()));
    }

    [Fact]
    public async Task Moving_a_deal_on_the_board_needs_the_edit_right_over_that_deal()
    {
        var org = await factory.CreateOrgAsync();
        var watcher = await factory.EmployeeAsync(org, "watcher", null, RightScope.All, SalesRights.DealsView);
        var mover = await factory.EmployeeAsync(org, "mover", null, RightScope.All, SalesRights.DealsView, SalesRights.DealsEdit);
        // Sees every deal, but may move only their own.
        var ownMover = await factory.EmployeeAsync(org, "ownmover", null, RightScope.All, SalesRights.DealsView);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Set<UserGrant>().Add(new UserGrant { UserId = ownMover.Id, RightCode = SalesRights.DealsEdit.Code, Scope = RightScope.Own });
            return await db.SaveChangesAsync();
        });
        var (_, stages) = await factory.InOrgAsync(org, SalesFixtures.DefaultPipelineAsync);
        var deal = await factory.InOrgAsync(org, sp => SalesFixtures.DealAsync(sp, mover.Id, "Board deal"));

        async Task<HttpResponseMessage> MoveAsync(string login, Guid stage)
        {
            using var browser = await factory.SignedInAsync(org, login);
            return await browser.PostFormAsync($"/{org.Slug}/deals/board", new Dictionary<string, string>
            {
                ["id"] = deal.Id.ToString(), ["stageId"] = stage.ToString(),
            }, $"/{org.Slug}/deals/board?handler=Move");
        }

        using (var refused = await MoveAsync("watcher", stages[3].Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("denied=" + SalesRights.DealsEdit.Code, refused.Location(), StringComparison.Ordinal);
        }

        Assert.Equal(stages[0].Id, await Db(org, db => db.Set<Deal>().Select(d => d.StageId).SingleAsync()));
        using (var beyondScope = await MoveAsync("ownmover", stages[3].Id))
            Assert.Contains("denied=" + SalesRights.DealsEdit.Code, beyondScope.Location(), StringComparison.Ordinal);
        Assert.Equal(stages[0].Id, await Db(org, db => db.Set<Deal>().Select(d => d.StageId).SingleAsync()));
        Assert.Equal(2, await Db(org, db => db.Set<JournalRecord>().CountAsync(r => r.Action == "access.denied" && r.Right == SalesRights.DealsEdit.Code)));

        using (var moved = await MoveAsync("mover", stages[3].Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            Assert.DoesNotContain("denied", moved.Location(), StringComparison.Ordinal);
        }

        Assert.Equal(stages[3].Id, await Db(org, db => db.Set<Deal>().Select(d => d.StageId).SingleAsync()));
        var change = await Db(org, db => db.Set<DealStageChange>().SingleAsync());
        Assert.Equal((stages[0].Id, stages[3].Id, mover.Id), (change.FromStageId!.Value, change.ToStageId, change.ChangedById!.Value));
        Assert.True(await Db(org, db => db.Set<JournalRecord>().AnyAsync(r => r.Action == "deal.moved" && r.UserId == mover.Id && r.DocumentCode == deal.Code)));

        using var watcherBrowser = await factory.SignedInAsync(org, "watcher");
        var board = await watcherBrowser.GetPageAsync($"/{org.Slug}/deals/board");
        Assert.NotNull(board.QuerySelector($"[data-stage='{stages[3].Id}'] [data-deal='{deal.Id}']"));
        Assert.Null(board.QuerySelector("[data-move-form]"));
    }

    [Fact]
    public async Task The_list_filters_chooses_columns_and_bulk_assign_touches_only_deals_within_the_scope()
    {
        var org = await factory.CreateOrgAsync();
        var seller = await factory.EmployeeAsync(org, "seller", null, RightScope.All, SalesRights.DealsView);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Set<UserGrant>().Add(new UserGrant { UserId = seller.Id, RightCode = SalesRights.DealsEdit.Code, Scope = RightScope.Own });
            return await db.SaveChangesAsync();
        });
        var adminId = await factory.UserIdAsync(org, "admin");
        var (mine, admins) = await factory.InOrgAsync(org, async sp =>
            ((await SalesFixtures.DealAsync(sp, seller.Id, "Seller's deal")).Id, (await SalesFixtures.DealAsync(sp, adminId, "Admin's deal")).Id));
        var colleague = await factory.AddUserAsync(org, "colleague");
        using var browser = await factory.SignedInAsync(org, "seller");

        var page = await browser.GetPageAsync($"/{org.Slug}/deals?q=Admin&cols=source&cols=responsible");
        Assert.Equal(["Admin's deal"], page.QuerySelectorAll("table[data-table=deals] tbody tr a").Select(a => a.TextContent));
        Assert.Equal(["responsible", "source"], page.QuerySelectorAll("table[data-table=deals] thead th[data-col]").Select(t => t.GetAttribute("data-col")!));

        var token = Html.Token(page);
        using var content = new FormUrlEncodedContent(
        [
            new("ids", mine.ToString()), new("ids", admins.ToString()), new("responsibleId", colleague.Id.ToString()), new("__RequestVerificationToken", token),
        ]);
        using var assigned = await browser.PostAsync(new Uri($"/{org.Slug}/deals?handler=Assign", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var owners = await Db(org, db => db.Set<Deal>().ToDictionaryAsync(d => d.Id, d => d.ResponsibleId));
        Assert.Equal(colleague.Id, owners[mine]);
        Assert.Equal(adminId, owners[admins]);
    }

    [Fact]
    public async Task My_tasks_highlight_the_overdue_remind_of_them_and_completing_shows_on_time()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var (overdue, soon) = await factory.InOrgAsync(org, async sp =>
            ((await SalesFixtures.TaskAsync(sp, adminId, "Overdue call", DateTimeOffset.UtcNow.AddHours(-5))).Id,
                (await SalesFixtures.TaskAsync(sp, adminId, "Due soon", DateTimeOffset.UtcNow.AddHours(5))).Id));
        using var browser = await factory.SignedInAsync(org, "admin");

        var page = await browser.GetPageAsync($"/{org.Slug}/tasks");
        Assert.Equal((1, 1), await ReminderAsync(browser, org));
        Assert.Contains("overdue", page.QuerySelector($"tr[data-task='{overdue}']")!.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("overdue", page.QuerySelector($"tr[data-task='{soon}']")!.ClassName ?? "", StringComparison.Ordinal);

        using var done = await browser.PostFormAsync($"/{org.Slug}/tasks", new Dictionary<string, string>(), $"/{org.Slug}/tasks?handler=Complete&id={soon}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var finished = await browser.GetPageAsync($"/{org.Slug}/tasks?state=done");
        Assert.Equal("true", finished.QuerySelector($"tr[data-task='{soon}'] [data-on-time]")!.GetAttribute("data-on-time"));
        Assert.Equal((1, 0), await ReminderAsync(browser, org));
    }

    /// <summary>The reminder's counts as the script of every page fetches them.</summary>
    private static async Task<(int Overdue, int DueSoon)> ReminderAsync(HttpClient browser, TestOrg org)
    {
        using var response = await browser.GetAsync(new Uri($"/{org.Slug}/sales/reminder", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("overdue").GetInt32(), json.RootElement.GetProperty("dueSoon").GetInt32());
    }

    [Fact]
    public async Task The_reminder_is_fetched_by_a_script_on_every_page_of_those_who_may_see_tasks_and_the_page_itself_does_not_count_them()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        await factory.InOrgAsync(org, async sp => await SalesFixtures.TaskAsync(sp, adminId, "Просроченный звонок", DateTimeOffset.UtcNow.AddHours(-2)));
        await factory.UserWithRightsAsync(org, "nosales", Gydex.Modules.Customers.CustomersRights.Counterparties.View);
        using var admin = await factory.SignedInAsync(org, "admin");
        using var other = await factory.SignedInAsync(org, "nosales");

        // A page of another module carries the script, pointing at the reminder; the page holds no counts itself.
        var page = await admin.GetPageAsync($"/{org.Slug}/customers/counterparties");
        var script = page.QuerySelector("script[src^='/js/reminder.js']")!;
        Assert.Equal($"/{org.Slug}/sales/reminder", script.GetAttribute("data-url"));
        Assert.Null(page.QuerySelector("[data-reminder]"));

        using var response = await admin.GetAsync(new Uri($"/{org.Slug}/sales/reminder", UriKind.Relative));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, json.RootElement.GetProperty("overdue").GetInt32());
        Assert.EndsWith(": 1.", Assert.Single(json.RootElement.GetProperty("lines").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal($"/{org.Slug}/tasks", json.RootElement.GetProperty("url").GetString());

        // Without the right to see tasks: no script, and the reminder is refused.
        var theirs = await other.GetPageAsync($"/{org.Slug}/customers/counterparties");
        Assert.Null(theirs.QuerySelector("script[src^='/js/reminder.js']"));
        using var refused = await other.GetAsync(new Uri($"/{org.Slug}/sales/reminder", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_task_is_created_from_its_page_and_an_activity_logged_on_a_deal()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var deal = await factory.InOrgAsync(org, sp => SalesFixtures.DealAsync(sp, adminId, "Talked deal"));
        using var browser = await factory.SignedInAsync(org, "admin");

        using var task = await browser.PostFormAsync($"/{org.Slug}/tasks/new", new Dictionary<string, string>
        {
            ["Form.Title"] = "Prepare the contract", ["Form.AssigneeId"] = adminId.ToString(), ["Form.Priority"] = "High", ["Form.Deadline"] = "2030-01-10T10:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, task.StatusCode);
        var stored = await Db(org, db => db.Set<SalesTask>().SingleAsync());
        // 10:00 in Moscow is 07:00 UTC.
        Assert.Equal((TaskPriority.High, new DateTimeOffset(2030, 1, 10, 7, 0, 0, TimeSpan.Zero)), (stored.Priority, stored.Deadline!.Value));

        using var logged = await browser.PostFormAsync($"/{org.Slug}/deals/{deal.Id}", new Dictionary<string, string>
        {
            ["kind"] = "Call", ["subject"] = "Discussed the terms", ["durationMinutes"] = "12",
        }, $"/{org.Slug}/deals/{deal.Id}?handler=LogActivity");
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var page = await browser.GetPageAsync($"/{org.Slug}/deals/{deal.Id}");
        Assert.Contains("Discussed the terms", page.QuerySelector("table[data-table=activities]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelines_get_new_stages_and_a_stage_with_deals_cannot_be_deleted()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var (pipelineId, stages) = await factory.InOrgAsync(org, SalesFixtures.DefaultPipelineAsync);
        await factory.InOrgAsync(org, sp => SalesFixtures.DealAsync(sp, adminId, "Keeps the stage"));
        using var browser = await factory.SignedInAsync(org, "admin");

        using var added = await browser.PostFormAsync($"/{org.Slug}/sales/pipelines", new Dictionary<string, string>
        {
            ["pipelineId"] = pipelineId.ToString(), ["name"] = "Invoice sent", ["order"] = "55", ["probability"] = "90", ["kind"] = "Open",
        }, $"/{org.Slug}/sales/pipelines?handler=SaveStage");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await Db(org, db => db.Set<Stage>().AnyAsync(s => s.Name == "Invoice sent" && s.Probability == 90 && s.PipelineId == pipelineId)));

        using var refused = await browser.PostFormAsync($"/{org.Slug}/sales/pipelines", new Dictionary<string, string>(),
            $"/{org.Slug}/sales/pipelines?handler=DeleteStage&stageId={stages[0].Id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True(await Db(org, db => db.Set<Stage>().AnyAsync(s => s.Id == stages[0].Id)));
    }
}
