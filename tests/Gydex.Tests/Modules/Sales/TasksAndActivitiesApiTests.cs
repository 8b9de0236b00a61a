using System.Net;
using System.Text.Json;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Sales;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>Tasks and activities on the API: CRUD, the on-time flag, overdue, co-workers and scopes.</summary>
public sealed class TasksAndActivitiesApiTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static readonly Right[] TaskRights = [SalesRights.TasksView, SalesRights.TasksCreate, SalesRights.TasksEdit, SalesRights.TasksDelete];

    [Fact]
    public async Task Create_read_change_and_delete_a_task_linked_to_a_deal()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var colleague = await factory.AddUserAsync(org, "colleague");
        var deal = await factory.InOrgAsync(org, sp => SalesFixtures.DealAsync(sp, adminId, "Linked deal"));
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");

        using var created = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/tasks", token, new
        {
            title = "Send the offer", description = "With prices", deadline = DateTimeOffset.UtcNow.AddDays(2), priority = "High",
            coworkers = new[] { colleague.Id }, recordType = "deal", recordId = deal.Id,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = await created.JsonAsync();
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.Equal("TS-000001", json.RootElement.GetProperty("code").GetString());
        Assert.Equal("High", json.RootElement.GetProperty("priority").GetString());
        Assert.Equal("Open", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(colleague.Id, json.RootElement.GetProperty("coworkers")[0].GetGuid());
        Assert.StartsWith("DL-000001", json.RootElement.GetProperty("record").GetString(), StringComparison.Ordinal);

        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/tasks/{id}", token, new { status = "InProgress", coworkers = Array.Empty<Guid>() });
        using (var body = await patched.JsonAsync())
        {
            Assert.Equal("InProgress", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(0, body.RootElement.GetProperty("coworkers").GetArrayLength());
        }

        using var byRecord = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/tasks?recordType=deal&recordId={deal.Id}", token);
        Assert.Equal(["TS-000001"], await byRecord.CodesAsync());

        using var deleted = await client.SendJsonAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/tasks/{id}", token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var actions = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .Where(r => r.DocumentType == "task").OrderBy(r => r.Id).Select(r => r.Action).ToListAsync());
        // The task and its first co-worker are saved together, in either order.
        Assert.Equal(["task.coworkers.changed", "task.created"], actions.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(["task.changed", "task.coworkers.changed", "task.deleted"], actions.Skip(2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Completing_keeps_whether_the_task_was_done_by_its_deadline()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var (late, onTime, noDeadline) = await factory.InOrgAsync(org, async sp =>
            ((await SalesFixtures.TaskAsync(sp, adminId, "Late", DateTimeOffset.UtcNow.AddHours(-1))).Id,
                (await SalesFixtures.TaskAsync(sp, adminId, "On time", DateTimeOffset.UtcNow.AddHours(3))).Id,
                (await SalesFixtures.TaskAsync(sp, adminId, "Whenever")).Id));
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        foreach (var id in new[] { late, onTime, noDeadline })
        {
            using var done = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/tasks/{id}", token, new { status = "Done" });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        var flags = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<SalesTask>().ToDictionaryAsync(t => t.Id, t => (t.CompletedOnTime, t.CompletedAt != null)));
        Assert.Equal((false, true), (flags[late].CompletedOnTime!.Value, flags[late].Item2));
        Assert.Equal((true, true), (flags[onTime].CompletedOnTime!.Value, flags[onTime].Item2));
        Assert.True(flags[noDeadline].CompletedOnTime);
        Assert.True(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().AnyAsync(r => r.Action == "task.completed")));

        using var reopened = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/tasks/{late}", token, new { status = "Open" });
        using var body = await reopened.JsonAsync();
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("completedOnTime").ValueKind);
    }

    [Fact]
    public async Task Overdue_tasks_are_flagged_and_filtered_and_done_ones_are_not_overdue()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        await factory.InOrgAsync(org, async sp =>
        {
            await SalesFixtures.TaskAsync(sp, adminId, "Overdue", DateTimeOffset.UtcNow.AddDays(-1));
            await SalesFixtures.TaskAsync(sp, adminId, "Upcoming", DateTimeOffset.UtcNow.AddDays(3));
            var done = await SalesFixtures.TaskAsync(sp, adminId, "Done late", DateTimeOffset.UtcNow.AddDays(-2));
            var db = sp.GetRequiredService<OrgDbContext>();
            (await db.Set<SalesTask>().SingleAsync(t => t.Id == done.Id)).Status = SalesTaskStatus.Done;
            return await db.SaveChangesAsync();
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        using var overdue = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/tasks?overdue=true", token);
        using var json = await overdue.JsonAsync();
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Overdue"], items.Select(i => i.GetProperty("title").GetString()));
        Assert.True(items[0].GetProperty("overdue").GetBoolean());

        using var all = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/tasks", token);
        using var allJson = await all.JsonAsync();
        var flags = allJson.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("title").GetString()!, i => i.GetProperty("overdue").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["Done late"] = false, ["Overdue"] = true, ["Upcoming"] = false }, flags);
    }

    [Fact]
    public async Task Own_scope_of_tasks_is_what_one_is_assigned_to_works_on_or_set_and_others_answer_404()
    {
        var org = await factory.CreateOrgAsync();
        var worker = await factory.EmployeeAsync(org, "worker", null, RightScope.Own, TaskRights);
        var adminId = await factory.UserIdAsync(org, "admin");
        var (assigned, coworking, foreign) = await factory.InOrgAsync(org, async sp =>
        {
            var a = await SalesFixtures.TaskAsync(sp, worker.Id, "Assigned");
            var c = await SalesFixtures.TaskAsync(sp, adminId, "Co-working");
            var f = await SalesFixtures.TaskAsync(sp, adminId, "Foreign");
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new SalesTaskCoworker { TaskId = c.Id, UserId = worker.Id });
            await db.SaveChangesAsync();
            return (a.Id, c.Id, f.Id);
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "worker");
        using var created = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/tasks", token, new { title = "Set for the admin", assigneeId = adminId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var list = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/tasks?sort=created", token);
        using var json = await list.JsonAsync();
        Assert.Equal(["Set for the admin", "Co-working", "Assigned"], json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        using var mine = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/tasks?mine=true&sort=created", token);
        using var mineJson = await mine.JsonAsync();
        Assert.Equal(["Co-working", "Assigned"], mineJson.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));

        using var get = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/tasks/{foreign}", token);
        using var patch = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/tasks/{foreign}", token, new { status = "Done" });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, patch.StatusCode));
        using var ok = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/tasks/{coworking}", token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(Guid.Empty, assigned);
    }

    [Fact]
    public async Task Activities_are_logged_changed_listed_by_record_and_deleted_within_scope()
    {
        var org = await factory.CreateOrgAsync();
        var caller = await factory.EmployeeAsync(org, "caller", null, RightScope.Own,
            SalesRights.ActivitiesView, SalesRights.ActivitiesCreate, SalesRights.ActivitiesEdit, SalesRights.ActivitiesDelete, SalesRights.DealsView);
        var adminId = await factory.UserIdAsync(org, "admin");
        var (myDeal, adminsDeal, adminsActivity) = await factory.InOrgAsync(org, async sp =>
        {
            var mine = await SalesFixtures.DealAsync(sp, caller.Id, "My deal");
            var theirs = await SalesFixtures.DealAsync(sp, adminId, "Admin's deal");
            var activity = await SalesFixtures.ActivityAsync(sp, adminId, mine.Id, "Admin called");
            return (mine.Id, theirs.Id, activity.Id);
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "caller");

        using var created = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/activities", token,
            new { kind = "Meeting", subject = "Visited the office", durationMinutes = 90, result = "Agreed on a trial", recordType = "deal", recordId = myDeal });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = await created.JsonAsync();
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.Equal("Meeting", json.RootElement.GetProperty("kind").GetString());

        using var tooLong = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/activities/{id}", token, new { durationMinutes = 5000 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/activities/{id}", token, new { durationMinutes = 60 });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        // A deal beyond the caller's scope cannot be logged against.
        using var hidden = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/activities", token,
            new { kind = "Call", subject = "Sneaky", recordType = "deal", recordId = adminsDeal });
        Assert.Equal(HttpStatusCode.BadRequest, hidden.StatusCode);

        using var list = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/activities?recordType=deal&recordId={myDeal}", token);
        using var listJson = await list.JsonAsync();
        Assert.Equal(["Visited the office"], listJson.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()));
        using var foreign = await client.SendJsonAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/activities/{adminsActivity}", token);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var deleted = await client.SendJsonAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/activities/{id}", token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var stored = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Activity>().Select(a => a.Subject).ToListAsync());
        Assert.Equal(["Admin called"], stored);
    }
}
