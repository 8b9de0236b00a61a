using System.Net;
using System.Net.Http.Json;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Administration;

/// <summary>No right is a back door to every right: becoming an administrator takes the administration of rights.</summary>
public sealed class EscalationTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private Task<Group> AdministratorsAsync(TestOrg org) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().Include(g => g.Members).AsNoTracking()
            .SingleAsync(g => g.Stereotype == GroupStereotype.Administrators));

    [Fact]
    public async Task The_right_over_groups_alone_cannot_add_oneself_to_Administrators()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, org.AdminLogin);
        var climber = await factory.UserWithRightsAsync(org, "climber", AdministrationRights.Groups);
        var administrators = await AdministratorsAsync(org);
        using var browser = await factory.SignedInAsync(org, "climber");
        var groupPage = $"/{org.Slug}/admin/groups/{administrators.Id}";
        var userPage = $"/{org.Slug}/admin/users/{climber.Id}";

        var token = await browser.AntiforgeryTokenAsync(groupPage);
        using var viaGroup = await browser.PostAsync(new Uri(groupPage + "?handler=Members", UriKind.Relative), new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("userIds", adminId.ToString()),
            new KeyValuePair<string, string>("userIds", climber.Id.ToString()),
            new KeyValuePair<string, string>("__RequestVerificationToken", token),
        ]));
        using var viaUser = await browser.PostFormAsync(userPage, new Dictionary<string, string> { ["groupIds"] = administrators.Id.ToString() }, userPage + "?handler=Groups");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, viaGroup.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, viaUser.StatusCode);
        Assert.Contains("Only someone who may administer rights", (await Html.ParseAsync(viaUser)).QuerySelector("[data-message]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([adminId], (await AdministratorsAsync(org)).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task The_right_over_users_alone_creates_users_without_groups_and_records_the_attempt()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "clerk", AdministrationRights.Users);
        var administrators = await AdministratorsAsync(org);
        using var browser = await factory.SignedInAsync(org, "clerk");

        var form = await browser.GetPageAsync($"/{org.Slug}/admin/users/new");
        using var created = await browser.PostFormAsync($"/{org.Slug}/admin/users/new", new Dictionary<string, string>
        {
            ["Input.Login"] = "puppet",
            ["Input.DisplayName"] = "Puppet",
            ["Input.GroupIds"] = administrators.Id.ToString(),
        });

        Assert.True(form.QuerySelector("input[name='Input.GroupIds']")!.HasAttribute("disabled"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.NotNull((await Html.ParseAsync(created)).QuerySelector("[data-password]"));
        var puppet = await factory.UserIdAsync(org, "puppet");
        Assert.DoesNotContain(puppet, (await AdministratorsAsync(org)).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task A_one_time_password_gets_no_api_token()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.AddUserAsync(org, "fresh");
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).MustChangePassword = true;
            await db.SaveChangesAsync();
            return true;
        });
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync($"/{org.Slug}/api/v1/auth/token", new { login = "fresh", password = TestOrganizations.Password });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Password change required", (await response.JsonAsync()).RootElement.GetProperty("title").GetString());
    }
}
