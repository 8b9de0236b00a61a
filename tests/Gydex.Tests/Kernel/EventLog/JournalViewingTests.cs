using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.EventLog;

/// <summary>Sign-in records, the journal page and its filters, paging, export, the API, History and optional actions.</summary>
public sealed class JournalViewingTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private Task<List<JournalRecord>> RecordsAsync(TestOrg org) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    private async Task RenameGroupAsync(TestOrg org, Guid groupId, int times)
    {
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var group = await db.Set<Group>().SingleAsync(g => g.Id == groupId);
            for (var i = 0; i < times; i++)
            {
                group.Name = $"Renamed {i}";
                await db.SaveChangesAsync();
            }

            return true;
        });
    }

    [Fact]
    public async Task Sign_in_failed_sign_in_unknown_login_and_sign_out_are_recorded()
    {
        var org = await factory.CreateOrgAsync();
        var ivanov = await factory.AddUserAsync(org, "ivanov");
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "ivanov", "wrong-password-1")).Dispose();
        (await browser.SignInAsync(org.Slug, "nobody", "wrong-password-1")).Dispose();
        (await browser.SignInAsync(org.Slug, "ivanov", TestOrganizations.Password)).Dispose();
        (await browser.PostFormAsync($"/{org.Slug}/", new Dictionary<string, string>(), $"/{org.Slug}/logout")).Dispose();

        var records = (await RecordsAsync(org)).Where(r => r.Action.StartsWith("sign", StringComparison.Ordinal)).ToList();
        Assert.Collection(records,
            r =>
            {
                Assert.Equal(IdentityJournal.SignInFailed.Code, r.Action);
                Assert.Null(r.UserId);
                Assert.Equal(ivanov.Id, r.AffectedUserId);
                Assert.Equal("wrong password", r.Comment);
            },
            r =>
            {
                Assert.Equal(IdentityJournal.SignInFailed.Code, r.Action);
                Assert.Null(r.AffectedUserId);
                Assert.Equal("unknown login: nobody", r.Comment);
            },
            r =>
            {
                Assert.Equal(IdentityJournal.SignedIn.Code, r.Action);
                Assert.Equal(ivanov.Id, r.UserId);
                Assert.Equal(ivanov.Id, r.AffectedUserId);
            },
            r =>
            {
                Assert.Equal(IdentityJournal.SignedOut.Code, r.Action);
                Assert.Equal(ivanov.Id, r.UserId);
            });
    }

    [Fact]
    public async Task A_flood_of_failed_sign_ins_is_recorded_in_full_while_others_sign_in()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "worker");
        const int flood = 30;

        var attempts = Enumerable.Range(0, flood).Select(async i =>
        {
            using var attacker = factory.Browser();
            (await attacker.SignInAsync(org.Slug, $"guess{i}", "wrong-password-1")).Dispose();
        }).ToList();
        using var worker = factory.Browser();
        using var signIn = await worker.SignInAsync(org.Slug, "worker", TestOrganizations.Password);
        await Task.WhenAll(attempts);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var records = await RecordsAsync(org);
        Assert.Equal(flood, records.Count(r => r.Action == IdentityJournal.SignInFailed.Code));
        Assert.Single(records, r => r.Action == IdentityJournal.SignedIn.Code);
        Assert.True((await factory.InOrgAsync(org, sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task The_journal_page_filters_and_pages_newest_first_without_repeating_a_record()
    {
        var org = await factory.CreateOrgAsync();
        var groupId = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().Select(g => g.Id).FirstAsync());
        await RenameGroupAsync(org, groupId, 120);
        using var admin = await factory.SignedInAsync(org, "admin");

        var seen = new List<long>();
        var url = $"/{org.Slug}/journal?action=group.changed";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 5, "paging does not end");
            var page = await admin.GetPageAsync(url);
            var ids = page.QuerySelectorAll("tr[data-record]").Select(r => long.Parse(r.GetAttribute("data-record")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.All(page.QuerySelectorAll("tr[data-record]"), r => Assert.Equal("group.changed", r.GetAttribute("data-action")));
            seen.AddRange(ids);
            url = page.QuerySelector("a[data-action='next']")?.GetAttribute("href");
        }

        Assert.Equal(120, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        var byText = await admin.GetPageAsync($"/{org.Slug}/journal?text=Renamed%20119");
        Assert.Single(byText.QuerySelectorAll("tr[data-record]"));
        Assert.Contains("Renamed 118 → Renamed 119", byText.QuerySelector("tr[data-record] ul.changes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_only_the_right_to_own_actions_an_employee_sees_nothing_of_anyone_else()
    {
        var org = await factory.CreateOrgAsync();
        var clerk = await factory.UserWithRightsAsync(org, "clerk", JournalRights.ViewOwn);
        using var clerkBrowser = await factory.SignedInAsync(org, "clerk");
        using var admin = await factory.SignedInAsync(org, "admin");

        var asked = await clerkBrowser.GetPageAsync($"/{org.Slug}/journal?user={await factory.UserIdAsync(org, "admin")}");
        Assert.Empty(asked.QuerySelectorAll("tr[data-record]"));
        var page = await clerkBrowser.GetPageAsync($"/{org.Slug}/journal");
        Assert.Null(page.QuerySelector("select[name='user']"));
        var rows = page.QuerySelectorAll("tr[data-record]").ToList();
        var records = (await RecordsAsync(org)).ToDictionary(r => r.Id);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(clerk.Id, records[long.Parse(r.GetAttribute("data-record")!, System.Globalization.CultureInfo.InvariantCulture)].UserId));

        var token = await clerkBrowser.TokenAsync(org.Slug, "clerk", TestOrganizations.Password);
        using var api = await clerkBrowser.GetWithTokenAsync($"/{org.Slug}/api/v1/journal?user=admin", token);
        using var json = await api.JsonAsync();
        Assert.Equal(0, json.RootElement.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task The_api_returns_the_documented_fields_with_a_cursor_and_refuses_bad_parameters()
    {
        var org = await factory.CreateOrgAsync();
        var groupId = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().Select(g => g.Id).FirstAsync());
        await RenameGroupAsync(org, groupId, 5);
        using var browser = factory.Browser();
        var token = await browser.TokenAsync(org.Slug, "admin", TestOrganizations.Password);

        using var first = await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/journal?documentType=group&documentCode=Renamed%204&limit=1", token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var firstJson = await first.JsonAsync();
        var record = Assert.Single(firstJson.RootElement.GetProperty("records").EnumerateArray());
        foreach (var field in new[] { "id", "at", "action", "actionName", "ip", "user", "affectedUser", "affectedGroup", "right", "documentType", "documentCode", "comment" })
            Assert.True(record.TryGetProperty(field, out _), $"no '{field}'");
        Assert.Equal("group.changed", record.GetProperty("action").GetString());
        Assert.Equal("Group changed", record.GetProperty("actionName").GetString());
        Assert.Equal("Renamed 4", record.GetProperty("documentCode").GetString());

        using var all = await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/journal?action=group.changed&limit=2", token);
        using var allJson = await all.JsonAsync();
        var next = allJson.RootElement.GetProperty("next").GetString();
        using var second = await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/journal?action=group.changed&limit=2&after={next}", token);
        using var secondJson = await second.JsonAsync();
        var firstIds = allJson.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        var secondIds = secondJson.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(2, secondIds.Count);
        Assert.True(secondIds.Max() < firstIds.Min());

        using var bad = await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/journal?after=-5&limit=100000", token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_user_and_group_pages_show_who_changed_them_to_those_who_may_see_the_journal()
    {
        var org = await factory.CreateOrgAsync();
        var ivanov = await factory.AddUserAsync(org, "ivanov");
        await factory.UserWithRightsAsync(org, "viewer", AdministrationRights.Users, AdministrationRights.Groups);
        using var admin = await factory.SignedInAsync(org, "admin");
        var page = $"/{org.Slug}/admin/users/{ivanov.Id}";
        (await admin.PostFormAsync(page, new Dictionary<string, string> { ["right"] = AdministrationRights.Departments.Code, ["mode"] = "Grant" }, page + "?handler=Individual")).Dispose();

        var history = (await admin.GetPageAsync(page)).QuerySelector("[data-section='history']");
        Assert.NotNull(history);
        Assert.Contains(history!.QuerySelectorAll("tr[data-record]"), r => r.GetAttribute("data-action") == AccessJournal.UserRightGranted.Code);

        using var viewer = await factory.SignedInAsync(org, "viewer");
        Assert.Null((await viewer.GetPageAsync(page)).QuerySelector("[data-section='history']"));
    }

    [Fact]
    public async Task The_export_holds_the_filtered_records_is_journaled_and_defuses_formulas()
    {
        var org = await factory.CreateOrgAsync();
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new Group { Id = Guid.CreateVersion7(), Name = "=HYPERLINK(\"http://evil\")" });
            return await db.SaveChangesAsync();
        });
        using var admin = await factory.SignedInAsync(org, "admin");

        using var export = await admin.GetAsync(new Uri($"/{org.Slug}/journal/export?action=group.created", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", export.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var csv = await export.Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var created = (await RecordsAsync(org)).Count(r => r.Action == AccessJournal.GroupCreated.Code);
        Assert.Equal(created + 1, lines.Length);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains(await RecordsAsync(org), r => r.Action == JournalActions.Exported.Code && r.Comment == "action=group.created");
    }

    [Fact]
    public async Task An_optional_action_switched_off_is_not_recorded_and_the_switch_itself_is()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, "admin");
        var settings = $"/{org.Slug}/journal/settings";
        (await admin.PostFormAsync(settings, new Dictionary<string, string> { ["IdleThresholdMinutes"] = "15" })).Dispose();
        (await admin.PostFormAsync($"/{org.Slug}/journal/verify", new Dictionary<string, string>())).Dispose();
        var records = await RecordsAsync(org);
        Assert.Contains(records, r => r.Action == JournalActions.ActionSwitchedOff.Code && r.DocumentCode == JournalActions.Verified.Code);
        Assert.DoesNotContain(records, r => r.Action == JournalActions.Verified.Code);

        (await admin.PostFormAsync(settings, new Dictionary<string, string> { ["Enabled"] = JournalActions.Verified.Code, ["IdleThresholdMinutes"] = "20" })).Dispose();
        (await admin.PostFormAsync($"/{org.Slug}/journal/verify", new Dictionary<string, string>())).Dispose();
        records = await RecordsAsync(org);
        Assert.Contains(records, r => r.Action == JournalActions.ActionSwitchedOn.Code);
        Assert.Contains(records, r => r.Action == JournalActions.Verified.Code);
        var threshold = Assert.Single(records, r => r.Action == JournalActions.SettingsChanged.Code);
        Assert.Contains(JournalChanges.Parse(threshold.Changes), c => c.Field == nameof(JournalSettings.IdleThresholdMinutes) && c.Old == "15" && c.New == "20");

        using var bad = await admin.PostFormAsync(settings, new Dictionary<string, string> { ["IdleThresholdMinutes"] = "0" });
        Assert.Contains("1 to 240", Html.Errors(await Html.ParseAsync(bad)), StringComparison.Ordinal);
    }
}
