using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Administration;

public sealed class AdministrationPagesTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task The_effective_rights_page_explains_where_each_right_comes_from_and_shows_a_revocation()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.UserWithRightsAsync(org, "ivanov", AdministrationRights.Groups);
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        var page = $"/{org.Slug}/admin/users/{user.Id}";

        var before = await admin.GetPageAsync(page);
        using var revoked = await admin.PostFormAsync(page, new Dictionary<string, string>
        {
            ["right"] = AdministrationRights.ViewUsers.Code,
            ["mode"] = "Revoke",
        }, page + "?handler=Individual");
        var after = await Html.ParseAsync(revoked);

        var view = before.QuerySelector($"tr[data-right='{AdministrationRights.ViewUsers.Code}']")!;
        Assert.Equal("true", view.GetAttribute("data-held"));
        Assert.Contains("implied by " + AdministrationRights.Groups.Title.En, view.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", before.QuerySelector($"tr[data-right='{AdministrationRights.Groups.Code}']")!.GetAttribute("data-held"));
        Assert.Equal("false", before.QuerySelector($"tr[data-right='{AdministrationRights.Users.Code}']")!.GetAttribute("data-held"));
        var viewAfter = after.QuerySelector($"tr[data-right='{AdministrationRights.ViewUsers.Code}']")!;
        Assert.Equal("false", viewAfter.GetAttribute("data-held"));
        Assert.Contains("revoked individually", viewAfter.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", after.QuerySelector($"tr[data-right='{AdministrationRights.Groups.Code}']")!.GetAttribute("data-held"));
    }

    [Fact]
    public async Task Resetting_a_password_gives_a_one_time_password_and_ends_the_old_one()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.AddUserAsync(org, "forgetful");
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        var page = $"/{org.Slug}/admin/users/{user.Id}";

        using var reset = await admin.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=ResetPassword");
        var password = (await Html.ParseAsync(reset)).QuerySelector("[data-password]")!.TextContent.Trim();
        using var client = factory.CreateClient();
        using var old = await client.PostAsync(new Uri($"/{org.Slug}/api/v1/auth/token", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { login = "forgetful", password = TestOrganizations.Password }));
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "forgetful", password)).Dispose();
        using var home = await browser.GetAsync(new Uri($"/{org.Slug}/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal($"/{org.Slug}/profile/password", home.Location());
    }

    [Fact]
    public async Task Departments_form_a_tree_and_only_an_empty_one_can_be_deleted()
    {
        var org = await factory.CreateOrgAsync();
        var root = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Department>().Where(d => d.ParentId == null).Select(d => d.Id).SingleAsync());
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        var page = $"/{org.Slug}/admin/departments";

        (await admin.PostFormAsync(page, new Dictionary<string, string> { ["name"] = "Sales", ["parentId"] = root.ToString() }, page + "?handler=Create")).Dispose();
        var sales = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Department>().Where(d => d.Name == "Sales").Select(d => d.Id).SingleAsync());
        (await admin.PostFormAsync(page, new Dictionary<string, string> { ["name"] = "Key accounts", ["parentId"] = sales.ToString() }, page + "?handler=Create")).Dispose();
        using var notEmpty = await admin.PostFormAsync(page, new Dictionary<string, string> { ["id"] = sales.ToString() }, page + "?handler=Delete");
        using var rootDelete = await admin.PostFormAsync(page, new Dictionary<string, string> { ["id"] = root.ToString() }, page + "?handler=Delete");
        var tree = await admin.GetPageAsync(page);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, notEmpty.StatusCode);
        Assert.Contains("Only an empty department", (await Html.ParseAsync(notEmpty)).QuerySelector("[data-message]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rootDelete.StatusCode);
        var rows = tree.QuerySelectorAll("tr[data-department]").Select(r => r.GetAttribute("data-department")).ToList();
        Assert.Equal([org.Organization.Name, "Sales", "Key accounts"], rows);
    }

    [Fact]
    public async Task The_table_of_rights_filters_by_module_and_text()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        var all = await admin.GetPageAsync($"/{org.Slug}/admin/rights");
        var byText = await admin.GetPageAsync($"/{org.Slug}/admin/rights?q=depart");
        var byModule = await admin.GetPageAsync($"/{org.Slug}/admin/rights?module=no-such-module");

        Assert.True(all.QuerySelectorAll("tr[data-right]").Length >= 5);
        Assert.Equal([AdministrationRights.Departments.Code], byText.QuerySelectorAll("tr[data-right]").Select(r => r.GetAttribute("data-right")));
        Assert.Empty(byModule.QuerySelectorAll("tr[data-right]"));
    }

    [Fact]
    public async Task Saving_a_filtered_table_keeps_the_rows_that_were_not_shown()
    {
        var org = await factory.CreateOrgAsync();
        var managers = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().SingleAsync(g => g.Stereotype == GroupStereotype.Managers));
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        (await admin.PostFormAsync($"/{org.Slug}/admin/rights", new Dictionary<string, string> { ["cell"] = $"{managers.Id}|{AdministrationRights.Groups.Code}" })).Dispose();

        using var filtered = await admin.PostFormAsync($"/{org.Slug}/admin/rights?q=depart", new Dictionary<string, string>
        {
            ["q"] = "depart",
            ["cell"] = $"{managers.Id}|{AdministrationRights.Departments.Code}",
        });
        var grants = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<GroupGrant>().Where(g => g.GroupId == managers.Id).Select(g => g.RightCode).OrderBy(c => c).ToListAsync());

        Assert.Equal([AdministrationRights.Departments.Code, AdministrationRights.Groups.Code], grants);
    }
}
