using System.Net;
using System.Security.Claims;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Operations;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Operations;

/// <summary>Test copies at /{org}-test/, and support entering one as an employee from the platform console.</summary>
public sealed class TestCopyTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private Task<RestoreResult> RefreshAsync(TestOrg org, bool fromLive) =>
        factory.OperationsAsync(sp => sp.GetRequiredService<Restores>().RefreshTestCopyAsync(org.Organization, fromLive, "test", CancellationToken.None));

    private async Task<(HttpClient Browser, string Name)> OperatorAsync()
    {
        var login = "op" + Guid.NewGuid().ToString("N")[..8];
        var name = "Support " + login;
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PlatformOperators>().CreateAsync(login, name, TestOrganizations.Password);
        var browser = factory.Browser();
        using var signIn = await browser.PostFormAsync("/platform/login", new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = TestOrganizations.Password,
        });
        Assert.Equal("/platform", signIn.Location());
        return (browser, name);
    }

    /// <summary>The console's "enter as employee": the address of the ticket, or null when the visit waits for approval.</summary>
    private static async Task<string?> AskToEnterAsync(HttpClient console, string slug, string login)
    {
        using var response = await console.PostFormAsync("/platform/operations",
            new Dictionary<string, string> { ["slug"] = slug, ["login"] = login }, "/platform/operations?handler=Enter");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Location()!;
        return location.Contains("/support/enter?ticket=", StringComparison.Ordinal) ? location : null;
    }

    /// <summary>Redeems a ticket without a cookie jar, returning the session's cookies as a Cookie header.</summary>
    private async Task<(HttpStatusCode Status, string Cookies)> RedeemAsync(string address)
    {
        using var raw = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await raw.GetAsync(new Uri(address, UriKind.Relative));
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? string.Join("; ", values.Select(v => v.Split(';')[0]).Where(v => v.StartsWith(".Gydex.Session", StringComparison.Ordinal)))
            : "";
        return (response.StatusCode, cookies);
    }

    private async Task<HttpResponseMessage> GetWithCookiesAsync(string url, string cookies)
    {
        using var raw = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookies);
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await raw.SendAsync(request);
    }

    [Fact]
    public async Task A_refreshed_test_copy_has_its_own_database_and_files_at_org_test_with_a_banner_and_employees_sign_in_with_their_own_accounts()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "ivanov");
        var content = OperationsTestKit.RandomBytes(6000);
        var fileId = (await factory.UploadFilesAsync(org, content)).Single();

        var refreshed = await RefreshAsync(org, fromLive: true);

        Assert.True(refreshed.Succeeded, refreshed.Problem);
        var copy = refreshed.Target!;
        Assert.Equal(org.Slug + "-test", copy.Slug);
        Assert.Equal(org.Organization.Id, copy.TestCopyOfId);
        Assert.NotEqual(org.Organization.DatabaseName, copy.DatabaseName);
        Assert.NotNull(copy.DataAsOf);
        var testOrg = new TestOrg(copy, org.AdminLogin, org.AdminPassword);
        using var employee = await factory.SignedInAsync(testOrg, "ivanov");
        var home = await (await employee.GetAsync(new Uri($"/{copy.Slug}/", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Test copy — data as of", home, StringComparison.Ordinal);
        using var inProduction = await factory.SignedInAsync(org, "ivanov");
        var productionHome = await (await inProduction.GetAsync(new Uri($"/{org.Slug}/", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Test copy", productionHome, StringComparison.Ordinal);
        Assert.Equal(content, await factory.DownloadAsync(copy.Slug, org.AdminLogin, org.AdminPassword, fileId));

        // What is done in the copy stays there; the next refresh (from the latest verified backup) brings production back.
        await factory.AddGroupsAsync(testOrg, "Experiment", 2);
        Assert.DoesNotContain(await factory.GroupNamesAsync(org), n => n.StartsWith("Experiment", StringComparison.Ordinal));
        var again = await RefreshAsync(org, fromLive: false);
        Assert.True(again.Succeeded, again.Problem);
        Assert.Equal(copy.Id, again.Target!.Id);
        Assert.DoesNotContain(await factory.GroupNamesAsync(testOrg), n => n.StartsWith("Experiment", StringComparison.Ordinal));
        var latest = (await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().ListAsync(org.Organization.Id, CancellationToken.None))).First();
        Assert.Equal(latest.TakenAt, again.Target.DataAsOf);
    }

    [Fact]
    public async Task The_operator_acting_as_an_employee_has_that_employees_rights_only_cannot_reach_production_and_every_action_carries_both_identities()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "clerk");
        Assert.True((await RefreshAsync(org, fromLive: true)).Succeeded);
        var (console, operatorName) = await OperatorAsync();
        using var _ = console;
        var copySlug = org.Slug + "-test";

        var address = await AskToEnterAsync(console, org.Slug, "clerk");
        Assert.NotNull(address);
        Assert.StartsWith($"/{copySlug}/support/enter?ticket=", address, StringComparison.Ordinal);
        // The ticket is the test copy's only: production has no such page for it.
        Assert.Equal(HttpStatusCode.NotFound, (await RedeemAsync(address.Replace($"/{copySlug}/", $"/{org.Slug}/", StringComparison.Ordinal))).Status);
        var (status, session) = await RedeemAsync(address);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.NotEmpty(session);
        Assert.Equal(HttpStatusCode.NotFound, (await RedeemAsync(address)).Status); // once only

        using var home = await GetWithCookiesAsync($"/{copySlug}/", session);
        var homeText = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains($"Operator {operatorName} acting as User clerk", homeText, StringComparison.Ordinal);
        Assert.Contains("Test copy — data as of", homeText, StringComparison.Ordinal);
        // The clerk may not manage users; neither may support acting as the clerk.
        using var users = await GetWithCookiesAsync($"/{copySlug}/admin/users", session);
        Assert.True(users.StatusCode == HttpStatusCode.Forbidden, $"{(int)users.StatusCode}");
        // The same session presented to production is no session at all.
        using var production = await GetWithCookiesAsync($"/{org.Slug}/", session);
        Assert.Equal(HttpStatusCode.Redirect, production.StatusCode);
        Assert.Contains("/login", production.Location(), StringComparison.Ordinal);
        // And a session that carries an operator is refused by a production organization even if it named it.
        var forged = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(GydexClaims.Organization, org.Organization.Id.ToString("D")), new Claim(GydexClaims.ActingOperator, Guid.NewGuid().ToString())], "test"));
        Assert.False(SameOrganizationHandler.IssuedBy(forged, org.Organization));

        // Every record made in the copy since the entry names the clerk as the user and the operator beside.
        var copy = new TestOrg((await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>().TestCopyOfAsync(org.Organization.Id, CancellationToken.None)))!, org.AdminLogin, org.AdminPassword);
        var clerkId = await factory.UserIdAsync(copy, "clerk");
        var records = await factory.InOrgAsync(copy, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().OrderBy(r => r.Id).ToListAsync());
        var sinceEntry = records.SkipWhile(r => r.Action != OperationsJournal.SupportEntered.Code).ToList();
        Assert.Contains(sinceEntry, r => r.Action == "access.denied");
        Assert.All(sinceEntry, r =>
        {
            Assert.Equal(clerkId, r.UserId);
            Assert.Equal(operatorName, r.OperatorName);
        });
        // The organization's administrators see the entry in their own journal.
        var entered = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .SingleAsync(r => r.Action == OperationsJournal.SupportEntered.Code));
        Assert.Equal(operatorName, entered.OperatorName);
        Assert.Equal("User clerk (clerk)", entered.UserName);
    }

    [Fact]
    public async Task The_operator_acting_as_the_administrator_has_the_administrators_rights()
    {
        var org = await factory.CreateOrgAsync();
        Assert.True((await RefreshAsync(org, fromLive: true)).Succeeded);
        var (console, _) = await OperatorAsync();
        using var _console = console;

        var (_, session) = await RedeemAsync((await AskToEnterAsync(console, org.Slug, org.AdminLogin))!);
        using var users = await GetWithCookiesAsync($"/{org.Slug}-test/admin/users", session);

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task An_organization_that_requires_approval_lets_support_in_only_after_an_administrator_approves()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "clerk");
        Assert.True((await RefreshAsync(org, fromLive: true)).Succeeded);
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        using (var set = await admin.PostFormAsync($"/{org.Slug}/admin/support", new Dictionary<string, string> { ["needsApproval"] = "true" }, $"/{org.Slug}/admin/support?handler=Settings"))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var (console, _) = await OperatorAsync();
        using var _console = console;

        Assert.Null(await AskToEnterAsync(console, org.Slug, "clerk")); // waits
        var waiting = await console.GetPageAsync("/platform/operations");
        var visitId = waiting.QuerySelector("[data-list=visits] [data-visit]")!.GetAttribute("data-visit")!;
        Assert.Null(waiting.QuerySelector($"[data-visit='{visitId}'] form"));
        var adminPage = await admin.GetPageAsync($"/{org.Slug}/admin/support");
        Assert.NotNull(adminPage.QuerySelector($"[data-visit='{visitId}'] form"));
        using (var approve = await admin.PostFormAsync($"/{org.Slug}/admin/support", new Dictionary<string, string> { ["id"] = visitId }, $"/{org.Slug}/admin/support?handler=Approve"))
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        using var enter = await console.PostFormAsync("/platform/operations", new Dictionary<string, string> { ["id"] = visitId }, "/platform/operations?handler=Visit");

        Assert.Contains("/support/enter?ticket=", enter.Location(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await RedeemAsync(enter.Location()!)).Status);
        var actions = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().Select(r => r.Action).ToListAsync());
        Assert.Contains(OperationsJournal.SupportSettingChanged.Code, actions);
        Assert.Contains(OperationsJournal.SupportApproved.Code, actions);
        Assert.Contains(OperationsJournal.SupportEntered.Code, actions);
    }

    [Fact]
    public async Task The_console_lists_last_backup_verification_and_test_copy_age_and_shows_a_failed_verification_as_a_banner()
    {
        var org = await factory.CreateOrgAsync();
        var backup = await factory.BackupAsync(org);
        Assert.True((await RefreshAsync(org, fromLive: false)).Succeeded);
        var (console, _) = await OperatorAsync();
        using var _console = console;

        var page = await console.GetPageAsync("/platform/operations");
        var row = page.QuerySelector($"tr[data-org='{org.Slug}']")!;
        Assert.NotNull(row.QuerySelector("[data-verification=passed]"));
        Assert.Contains("data as of", row.QuerySelector("[data-test-copy-age]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"[data-banner=verification-failed][data-org='{org.Slug}']"));

        var folder = BackupArea.BackupFolder(factory.BackupRoot(), org.Organization.Id, backup.Id);
        File.AppendAllText(Path.Combine(folder, (await BackupManifest.ReadAsync(folder, CancellationToken.None)).Database.Path), "x");
        var latest = await factory.BackupAsync(org); // verified fine; now break it too
        var latestFolder = BackupArea.BackupFolder(factory.BackupRoot(), org.Organization.Id, latest.Id);
        File.AppendAllText(Path.Combine(latestFolder, (await BackupManifest.ReadAsync(latestFolder, CancellationToken.None)).Database.Path), "x");
        await factory.OperationsAsync(async sp =>
        {
            await sp.GetRequiredService<Backups>().VerifyAsync(latest, CancellationToken.None);
            return true;
        });
        var after = await console.GetPageAsync("/platform/operations");
        Assert.NotNull(after.QuerySelector($"[data-banner=verification-failed][data-org='{org.Slug}']"));
        Assert.NotNull(after.QuerySelector($"tr[data-org='{org.Slug}'] [data-verification=failed]"));

        // Back up now: started from the console, finished in the background.
        using var now = await console.PostFormAsync("/platform/operations", new Dictionary<string, string> { ["slug"] = org.Slug }, "/platform/operations?handler=Backup");
        Assert.Equal(HttpStatusCode.Redirect, now.StatusCode);
        for (var i = 0; i < 200; i++)
        {
            var list = await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().ListAsync(org.Organization.Id, CancellationToken.None));
            if (list.Count >= 3 && list[0].Verification != VerificationOutcome.Pending)
                break;
            await Task.Delay(100);
        }

        var final = await console.GetPageAsync("/platform/operations");
        Assert.Null(final.QuerySelector($"[data-banner=verification-failed][data-org='{org.Slug}']"));
    }

    [Fact]
    public async Task A_test_copy_still_being_created_shows_no_age_and_no_entry_and_the_console_refreshes_itself_until_it_is_ready()
    {
        var org = await factory.CreateOrgAsync();
        Assert.True((await RefreshAsync(org, fromLive: true)).Succeeded);
        var (console, _) = await OperatorAsync();
        using var _console = console;

        // A first refresh writes the copy's row (Provisioning) before its database exists: the console showed its
        // "data as of —" and the enter form then, and entering answered "no test copy yet".
        await SetTestCopyStatusAsync(org, OrganizationStatus.Provisioning);
        var preparing = await console.GetPageAsync("/platform/operations");
        var row = preparing.QuerySelector($"tr[data-org='{org.Slug}']")!;
        Assert.NotNull(row.QuerySelector("[data-test-copy-preparing]"));
        Assert.Null(row.QuerySelector("[data-test-copy-age]"));
        Assert.Null(row.QuerySelector("input[name=login]"));
        Assert.NotNull(preparing.QuerySelector("meta[http-equiv=refresh]"));

        await SetTestCopyStatusAsync(org, OrganizationStatus.Active);
        var ready = await console.GetPageAsync("/platform/operations");
        row = ready.QuerySelector($"tr[data-org='{org.Slug}']")!;
        Assert.Null(row.QuerySelector("[data-test-copy-preparing]"));
        Assert.Equal("active", row.QuerySelector("[data-test-copy-age]")!.GetAttribute("data-test-copy-status"));
        Assert.NotNull(row.QuerySelector("input[name=login]"));
    }

    private async Task SetTestCopyStatusAsync(TestOrg org, OrganizationStatus status)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await catalog.Organizations.Where(o => o.TestCopyOfId == org.Organization.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, status), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_console_restores_a_backup_into_a_new_organization_and_into_the_organization_itself_only_when_confirmed()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddGroupsAsync(org, "Original", 2);
        var backup = await factory.BackupAsync(org);
        await factory.AddGroupsAsync(org, "Later", 1);
        var (console, _) = await OperatorAsync();
        using var _console = console;
        var page = $"/platform/operations/{org.Slug}";
        Assert.NotNull((await console.GetPageAsync(page)).QuerySelector($"tr[data-backup='{backup.Id}'] form"));

        using (var unconfirmed = await console.PostFormAsync(page, new Dictionary<string, string> { ["id"] = backup.Id, ["target"] = "self" }, page + "?handler=Restore"))
            Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        var copy = "c" + Guid.NewGuid().ToString("N")[..9];
        using (var restore = await console.PostFormAsync(page, new Dictionary<string, string> { ["id"] = backup.Id, ["target"] = "new", ["into"] = copy }, page + "?handler=Restore"))
            Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        using (var other = await console.PostFormAsync(page, new Dictionary<string, string> { ["id"] = "../" + backup.Id, ["target"] = "new", ["into"] = "x" + copy }, page + "?handler=Restore"))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        Organization? restored = null;
        for (var i = 0; i < 200 && restored?.Status != OrganizationStatus.Active; i++)
        {
            await Task.Delay(100);
            restored = await factory.OperationsAsync(sp => sp.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == copy));
        }

        Assert.Equal(OrganizationStatus.Active, restored?.Status);
        var restoredGroups = await factory.GroupNamesAsync(new TestOrg(restored!, org.AdminLogin, org.AdminPassword));
        Assert.Contains("Original 1", restoredGroups);
        Assert.DoesNotContain("Later 0", restoredGroups);
        Assert.Contains("Later 0", await factory.GroupNamesAsync(org)); // unconfirmed: the organization kept its data
    }
}
