using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Administration;

/// <summary>What each user sees and gets: rendering by rights, denial outcomes, cross-organization ids.</summary>
public sealed class AdministrationAccessTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task The_same_pages_show_and_hide_elements_by_the_users_rights()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "viewer", AdministrationRights.ViewUsers);
        await factory.AddUserAsync(org, "plain");
        var adminId = await factory.UserIdAsync(org, org.AdminLogin);
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        using var viewer = await factory.SignedInAsync(org, "viewer");
        using var plain = await factory.SignedInAsync(org, "plain");

        var adminList = await admin.GetPageAsync($"/{org.Slug}/admin/users");
        var viewerList = await viewer.GetPageAsync($"/{org.Slug}/admin/users");
        var viewerDetails = await viewer.GetPageAsync($"/{org.Slug}/admin/users/{adminId}");
        var plainHome = await plain.GetPageAsync($"/{org.Slug}/");
        var adminHome = await admin.GetPageAsync($"/{org.Slug}/");

        Assert.NotNull(adminList.QuerySelector("[data-action=new-user]"));
        Assert.Null(viewerList.QuerySelector("[data-action=new-user]"));
        Assert.NotNull(adminList.QuerySelector("a[href$='/admin/groups']"));
        Assert.Null(viewerList.QuerySelector("a[href$='/admin/groups']"));
        Assert.Null(viewerDetails.QuerySelector("[data-action=disable]"));
        Assert.True(viewerDetails.QuerySelector("form[action*='handler=Save'] button")!.HasAttribute("disabled"));
        Assert.NotNull(adminHome.QuerySelector("[data-nav=administration]"));
        Assert.Null(plainHome.QuerySelector("[data-nav=administration]"));
        Assert.Null(plainHome.QuerySelector("[data-tile=administration]"));
    }

    [Fact]
    public async Task Opening_a_section_without_the_right_shows_Access_is_prohibited_naming_the_right_and_whom_to_ask()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "plain");
        using var plain = await factory.SignedInAsync(org, "plain");

        using var response = await plain.GetAsync(new Uri($"/{org.Slug}/admin/users", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Access is prohibited", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(AdministrationRights.ViewUsers.Code, page.QuerySelector("[data-denied-right]")!.GetAttribute("data-denied-right"));
        Assert.Contains("Admin " + org.Slug, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_without_its_right_is_refused_in_the_pages_context_and_changes_nothing()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "viewer", AdministrationRights.ViewUsers);
        var victim = await factory.AddUserAsync(org, "victim");
        using var viewer = await factory.SignedInAsync(org, "viewer");
        var page = $"/{org.Slug}/admin/users/{victim.Id}";

        using var attempt = await viewer.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=Disable");
        var shown = await viewer.GetPageAsync(attempt.Location()!);

        Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        Assert.Equal($"{page}?denied={AdministrationRights.Users.Code}", attempt.Location());
        Assert.Equal(AdministrationRights.Users.Code, shown.QuerySelector("[data-denied]")!.GetAttribute("data-denied"));
        Assert.False(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Users.Where(u => u.Id == victim.Id).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task The_api_refuses_with_403_problem_details_naming_the_right()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "plain");
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(org.Slug, "plain", TestOrganizations.Password);

        using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/groups", token);
        using var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AdministrationRights.Groups.Code, problem.RootElement.GetProperty("right").GetString());
    }

    [Fact]
    public async Task Me_lists_the_groups_and_effective_rights()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "viewer", AdministrationRights.Groups);
        using var client = factory.CreateClient();

        using var admin = await (await client.GetWithTokenAsync($"/{org.Slug}/api/v1/me", await client.TokenAsync(org.Slug, org.AdminLogin, org.AdminPassword))).JsonAsync();
        using var viewer = await (await client.GetWithTokenAsync($"/{org.Slug}/api/v1/me", await client.TokenAsync(org.Slug, "viewer", TestOrganizations.Password))).JsonAsync();

        var adminRights = admin.RootElement.GetProperty("rights").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        var viewerRights = viewer.RootElement.GetProperty("rights").EnumerateArray().Select(r => r.GetProperty("code").GetString()).Order().ToList();
        Assert.Contains("Administrators", admin.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains(AdministrationRights.Rights.Code, adminRights);
        Assert.Equal([AdministrationRights.Groups.Code, AdministrationRights.ViewUsers.Code], viewerRights);
        Assert.Empty(viewer.RootElement.GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Ids_of_another_organization_answer_404()
    {
        var a = await factory.CreateOrgAsync();
        var b = await factory.CreateOrgAsync();
        var userOfA = await factory.UserIdAsync(a, a.AdminLogin);
        var (groupOfA, departmentOfA) = await factory.InOrgAsync(a, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            return (await db.Set<Group>().Select(g => g.Id).FirstAsync(), await db.Set<Department>().Select(d => d.Id).FirstAsync());
        });
        using var adminB = await factory.SignedInAsync(b, b.AdminLogin);
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(b.Slug, b.AdminLogin, b.AdminPassword);

        using var userPage = await adminB.GetAsync(new Uri($"/{b.Slug}/admin/users/{userOfA}", UriKind.Relative));
        using var groupPage = await adminB.GetAsync(new Uri($"/{b.Slug}/admin/groups/{groupOfA}", UriKind.Relative));
        using var disable = await adminB.PostFormAsync($"/{b.Slug}/profile", new Dictionary<string, string>(), $"/{b.Slug}/admin/users/{userOfA}?handler=Disable");
        using var deleteDepartment = await adminB.PostFormAsync($"/{b.Slug}/profile", new Dictionary<string, string> { ["id"] = departmentOfA.ToString() },
            $"/{b.Slug}/admin/departments?handler=Delete");
        using var api = await client.GetWithTokenAsync($"/{b.Slug}/api/v1/users/{userOfA}", token);

        Assert.Equal(HttpStatusCode.NotFound, userPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, groupPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disable.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteDepartment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.False(await factory.InOrgAsync(a, sp => sp.GetRequiredService<OrgDbContext>().Users.Where(u => u.Id == userOfA).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_creates_a_user_who_must_replace_the_one_time_password()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        using var created = await admin.PostFormAsync($"/{org.Slug}/admin/users/new", new Dictionary<string, string>
        {
            ["Input.Login"] = "petrova",
            ["Input.DisplayName"] = "Анна Петрова",
        });
        var password = (await Html.ParseAsync(created)).QuerySelector("[data-password]")!.TextContent.Trim();
        using var newcomer = factory.Browser();
        (await newcomer.SignInAsync(org.Slug, "petrova", password)).Dispose();
        using var home = await newcomer.GetAsync(new Uri($"/{org.Slug}/", UriKind.Relative));
        var list = await admin.GetPageAsync($"/{org.Slug}/admin/users?q=петрова");

        Assert.Equal($"/{org.Slug}/profile/password", home.Location());
        Assert.NotNull(list.QuerySelector("tr[data-user=petrova]"));
        Assert.Single(list.QuerySelectorAll("tr[data-user]"));
    }

    [Fact]
    public async Task Groups_are_created_renamed_and_deleted_but_never_Administrators()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        using var created = await admin.PostFormAsync($"/{org.Slug}/admin/groups", new Dictionary<string, string> { ["name"] = "Sales team" });
        var groupPage = created.Location()!;
        using var duplicate = await admin.PostFormAsync($"/{org.Slug}/admin/groups", new Dictionary<string, string> { ["name"] = "Sales team" });
        using var renamed = await admin.PostFormAsync(groupPage, new Dictionary<string, string> { ["name"] = "Field sales" }, groupPage + "?handler=Rename");
        using var deleted = await admin.PostFormAsync(groupPage, new Dictionary<string, string>(), groupPage + "?handler=Delete");
        var names = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().Select(g => g.Name).ToListAsync());

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain("Field sales", names);
        Assert.Contains("Administrators", names);
    }
}
