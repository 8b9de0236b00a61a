using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Administration;

/// <summary>The data scope of <c>access.users.view</c>: applied in the query, and by id.</summary>
public sealed class UserScopeTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    /// <summary>Sales (with Subteam below it) and Support; the viewer sits in Sales with the given scope.</summary>
    private async Task<(TestOrg Org, Dictionary<string, Guid> Ids)> OrganizationAsync(RightScope scope)
    {
        var org = await factory.CreateOrgAsync();
        var ids = new Dictionary<string, Guid>();
        foreach (var login in new[] { "viewer", "sales1", "sub1", "support1" })
            ids[login] = (await factory.AddUserAsync(org, login)).Id;
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var root = await db.Set<Department>().SingleAsync(d => d.ParentId == null);
            var sales = new Department { Id = Guid.NewGuid(), Name = "Sales", ParentId = root.Id };
            var subteam = new Department { Id = Guid.NewGuid(), Name = "Subteam", ParentId = sales.Id };
            var support = new Department { Id = Guid.NewGuid(), Name = "Support", ParentId = root.Id };
            db.AddRange(sales, subteam, support);
            await db.SaveChangesAsync();
            async Task Place(string login, Guid department)
            {
                var user = await db.Users.SingleAsync(u => u.Id == ids[login]);
                user.DepartmentId = department;
            }

            await Place("viewer", sales.Id);
            await Place("sales1", sales.Id);
            await Place("sub1", subteam.Id);
            await Place("support1", support.Id);
            db.Add(new UserGrant { UserId = ids["viewer"], RightCode = AdministrationRights.ViewUsers.Code, Scope = scope });
            await db.SaveChangesAsync();
            return true;
        });
        return (org, ids);
    }

    private static async Task<List<string>> VisibleAsync(HttpClient browser, TestOrg org) =>
        (await browser.GetPageAsync($"/{org.Slug}/admin/users")).QuerySelectorAll("tr[data-user]").Select(r => r.GetAttribute("data-user")!).Order().ToList();

    [Fact]
    public async Task Department_scope_shows_the_users_of_the_department_and_those_below_it_only()
    {
        var (org, ids) = await OrganizationAsync(RightScope.Department);
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "viewer", TestOrganizations.Password)).Dispose();
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(org.Slug, "viewer", TestOrganizations.Password);

        var visible = await VisibleAsync(browser, org);
        using var inside = await browser.GetAsync(new Uri($"/{org.Slug}/admin/users/{ids["sub1"]}", UriKind.Relative));
        using var outside = await browser.GetAsync(new Uri($"/{org.Slug}/admin/users/{ids["support1"]}", UriKind.Relative));
        using var apiOutside = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/users/{ids["support1"]}", token);
        using var apiList = await (await client.GetWithTokenAsync($"/{org.Slug}/api/v1/users", token)).JsonAsync();

        Assert.Equal(["sales1", "sub1", "viewer"], visible);
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOutside.StatusCode);
        Assert.Equal(["sales1", "sub1", "viewer"], apiList.RootElement.EnumerateArray().Select(u => u.GetProperty("login").GetString()!).Order().ToList());
    }

    [Fact]
    public async Task Own_scope_shows_only_oneself()
    {
        var (org, ids) = await OrganizationAsync(RightScope.Own);
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "viewer", TestOrganizations.Password)).Dispose();

        var visible = await VisibleAsync(browser, org);
        using var colleague = await browser.GetAsync(new Uri($"/{org.Slug}/admin/users/{ids["sales1"]}", UriKind.Relative));

        Assert.Equal(["viewer"], visible);
        Assert.Equal(HttpStatusCode.NotFound, colleague.StatusCode);
    }

    [Fact]
    public async Task The_widest_scope_among_the_grants_wins()
    {
        var (org, _) = await OrganizationAsync(RightScope.Own);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var viewer = await db.Users.SingleAsync(u => u.UserName == "viewer");
            var group = new Group { Id = Guid.NewGuid(), Name = "Heads", Stereotype = GroupStereotype.Custom };
            group.Grants.Add(new GroupGrant { RightCode = AdministrationRights.ViewUsers.Code, Scope = RightScope.Department });
            group.Members.Add(new GroupMember { UserId = viewer.Id });
            db.Add(group);
            await db.SaveChangesAsync();
            return true;
        });
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "viewer", TestOrganizations.Password)).Dispose();

        Assert.Equal(["sales1", "sub1", "viewer"], await VisibleAsync(browser, org));
    }
}
