using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Administration;

public sealed class AdministrationTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private Task<List<Group>> GroupsAsync(TestOrg org) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().AsNoTracking().Include(g => g.Members).Include(g => g.Grants).ToListAsync());

    [Fact]
    public async Task A_new_organization_starts_with_the_stereotype_groups_and_its_administrator_in_Administrators()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, org.AdminLogin);

        var groups = await GroupsAsync(org);

        Assert.Equal(
            [GroupStereotype.Administrators, GroupStereotype.Managers, GroupStereotype.Accountants, GroupStereotype.Employees],
            groups.Select(g => g.Stereotype).Order());
        Assert.Equal([adminId], groups.Single(g => g.Stereotype == GroupStereotype.Administrators).Members.Select(m => m.UserId));
        Assert.Contains("Administrators", groups.Select(g => g.Name));
    }

    [Fact]
    public async Task Effective_rights_are_the_groups_and_grants_expanded_by_implication_minus_revocations()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.AddUserAsync(org, "ivanov");
        var rights = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var custom = new Group { Id = Guid.NewGuid(), Name = "Team leads", Stereotype = GroupStereotype.Custom };
            custom.Grants.Add(new GroupGrant { RightCode = AdministrationRights.Groups.Code });
            custom.Members.Add(new GroupMember { UserId = user.Id });
            db.Add(custom);
            db.Add(new UserGrant { UserId = user.Id, RightCode = AdministrationRights.Departments.Code });
            await db.SaveChangesAsync();
            var access = sp.GetRequiredService<AccessService>();
            var catalog = sp.GetRequiredService<RightCatalog>();
            var before = await access.EffectiveAsync(user.Id, CancellationToken.None);
            db.Add(new UserGrant { UserId = user.Id, RightCode = AdministrationRights.ViewUsers.Code, IsRevocation = true });
            await db.SaveChangesAsync();
            var after = await access.EffectiveAsync(user.Id, CancellationToken.None);
            bool Has(EffectiveRights r, Right right) => r.Has(catalog.IndexOf(right));
            return (Groups: Has(before, AdministrationRights.Groups), Implied: Has(before, AdministrationRights.ViewUsers),
                Departments: Has(before, AdministrationRights.Departments), Users: Has(before, AdministrationRights.Users),
                GroupsAfter: Has(after, AdministrationRights.Groups), ViewAfter: Has(after, AdministrationRights.ViewUsers),
                DepartmentsAfter: Has(after, AdministrationRights.Departments));
        });

        Assert.True(rights.Groups, "from the group");
        Assert.True(rights.Implied, "implied by access.groups");
        Assert.True(rights.Departments, "individual grant");
        Assert.False(rights.Users, "given by nothing");
        Assert.False(rights.GroupsAfter, "revoking what it implies takes it away");
        Assert.False(rights.ViewAfter, "revoked");
        Assert.True(rights.DepartmentsAfter, "untouched by the revocation");
    }

    [Fact]
    public async Task Administrators_hold_every_right_and_a_disabled_user_holds_none()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, org.AdminLogin);
        var (all, count, afterDisable) = await factory.InOrgAsync(org, async sp =>
        {
            var access = sp.GetRequiredService<AccessService>();
            var catalog = sp.GetRequiredService<RightCatalog>();
            var rights = await access.EffectiveAsync(adminId, CancellationToken.None);
            var held = Enumerable.Range(0, catalog.Count).Count(rights.Has);
            var user = await sp.GetRequiredService<OrgDbContext>().Users.SingleAsync(u => u.Id == adminId);
            user.IsDisabled = true;
            await sp.GetRequiredService<OrgDbContext>().SaveChangesAsync();
            var disabled = await access.EffectiveAsync(adminId, CancellationToken.None);
            return (held, catalog.Count, Enumerable.Range(0, catalog.Count).Count(disabled.Has));
        });

        Assert.Equal(count, all);
        Assert.Equal(0, afterDisable);
    }

    [Fact]
    public async Task A_change_in_the_table_of_rights_takes_effect_at_the_next_request()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "manager");
        var managers = (await GroupsAsync(org)).Single(g => g.Stereotype == GroupStereotype.Managers);
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        await admin.PostFormAsync($"/{org.Slug}/admin/groups/{managers.Id}", new Dictionary<string, string>
        {
            ["userIds"] = (await factory.UserIdAsync(org, "manager")).ToString(),
        }, $"/{org.Slug}/admin/groups/{managers.Id}?handler=Members");
        using var manager = await factory.SignedInAsync(org, "manager");
        using var before = await manager.GetAsync(new Uri($"/{org.Slug}/admin/departments", UriKind.Relative));

        using var saved = await admin.PostFormAsync($"/{org.Slug}/admin/rights", new Dictionary<string, string>
        {
            ["cell"] = $"{managers.Id}|{AdministrationRights.Departments.Code}",
        });
        var summary = await Html.ParseAsync(saved);
        using var after = await manager.GetAsync(new Uri($"/{org.Slug}/admin/departments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.NotNull(summary.QuerySelector($"[data-change='{managers.Name}|{AdministrationRights.Departments.Code}']"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_removed_or_stripped_of_the_rights()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, org.AdminLogin);
        var administrators = (await GroupsAsync(org)).Single(g => g.Stereotype == GroupStereotype.Administrators);
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        var page = $"/{org.Slug}/admin/users/{adminId}";

        using var disable = await admin.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=Disable");
        using var leave = await admin.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=Groups");
        using var strip = await admin.PostFormAsync(page, new Dictionary<string, string> { ["right"] = AdministrationRights.Rights.Code, ["mode"] = "Revoke" }, page + "?handler=Individual");
        using var emptyGroup = await admin.PostFormAsync($"/{org.Slug}/admin/groups/{administrators.Id}", new Dictionary<string, string>(),
            $"/{org.Slug}/admin/groups/{administrators.Id}?handler=Members");
        using var delete = await admin.PostFormAsync($"/{org.Slug}/admin/groups/{administrators.Id}", new Dictionary<string, string>(),
            $"/{org.Slug}/admin/groups/{administrators.Id}?handler=Delete");

        foreach (var refused in new[] { disable, leave, strip, emptyGroup })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("at least one active administrator", (await Html.ParseAsync(refused)).QuerySelector("[data-message]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, delete.StatusCode);
        var groups = await GroupsAsync(org);
        Assert.Equal([adminId], groups.Single(g => g.Stereotype == GroupStereotype.Administrators).Members.Select(m => m.UserId));
        Assert.False(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Users.Where(u => u.Id == adminId).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task With_a_second_administrator_the_first_can_be_disabled()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, org.AdminLogin);
        var second = await factory.AddUserAsync(org, "deputy");
        var administrators = (await GroupsAsync(org)).Single(g => g.Stereotype == GroupStereotype.Administrators);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new GroupMember { GroupId = administrators.Id, UserId = second.Id });
            await db.SaveChangesAsync();
            return true;
        });
        using var deputy = await factory.SignedInAsync(org, "deputy");
        var page = $"/{org.Slug}/admin/users/{adminId}";

        using var disable = await deputy.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=Disable");

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.True(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Users.Where(u => u.Id == adminId).Select(u => u.IsDisabled).SingleAsync()));
    }
}
