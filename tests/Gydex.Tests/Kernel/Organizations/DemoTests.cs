using System.Net;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Organizations;

public sealed class DemoTests
{
    private const string DemoPassword = "Demo-password-2026";

    private static GydexFactory DemoFactory(InstallationSlot slot) =>
        new GydexFactory(slot).With("Demo:Enabled", "true").With("Demo:Password", DemoPassword);

    private static async Task<(int Orgs, int Operators, int Users)> CountAsync(GydexFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var demo = await catalog.Organizations.AsNoTracking().SingleAsync(o => o.Slug == DemoOrganization.Slug);
        await using var orgScope = factory.Services.GetRequiredService<OrgScopes>().CreateScope(demo);
        var users = await orgScope.ServiceProvider.GetRequiredService<OrgDbContext>().Users.CountAsync();
        return (await catalog.Organizations.CountAsync(), await catalog.Users.CountAsync(), users);
    }

    [Fact]
    public async Task The_demo_users_sign_in_with_the_configured_password_and_a_restart_creates_nothing_new()
    {
        var slot = InstallationSlot.New();
        (int Orgs, int Operators, int Users) first;
        await using (var factory = DemoFactory(slot))
        {
            await factory.StartAsync();
            first = await CountAsync(factory);
            using var client = factory.CreateClient();
            foreach (var login in new[] { "admin", "manager", "accountant", "intern" })
                Assert.False(string.IsNullOrEmpty(await client.TokenAsync(DemoOrganization.Slug, login, DemoPassword)));
            using var browser = factory.Browser();
            using var operatorSignIn = await browser.PostFormAsync("/platform/login", new Dictionary<string, string>
            {
                ["Input.Login"] = DemoOrganization.OperatorLogin,
                ["Input.Password"] = DemoPassword,
            });
            Assert.Equal("/platform", operatorSignIn.Location());
        }

        await using var restarted = DemoFactory(slot);
        await restarted.StartAsync();
        var second = await CountAsync(restarted);
        using var again = restarted.CreateClient();
        var dashboard = await again.GetAsync(new Uri("/demo/login", UriKind.Relative));

        Assert.Equal((1, 1, 4), first);
        Assert.Equal(first, second);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Demo Trading LLC", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_password_each_demo_account_gets_its_own_random_one()
    {
        await using var factory = new GydexFactory().With("Demo:Enabled", "true");
        await factory.StartAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var demo = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.SingleAsync(o => o.Slug == "demo");
        await using var orgScope = factory.Services.GetRequiredService<OrgScopes>().CreateScope(demo);
        var hashes = await orgScope.ServiceProvider.GetRequiredService<OrgDbContext>().Users.Select(u => u.PasswordHash).ToListAsync();

        Assert.Equal(4, hashes.Count);
        Assert.Equal(4, hashes.Distinct().Count());
        using var client = factory.CreateClient();
        using var guess = await client.PostAsync(new Uri("/demo/api/v1/auth/token", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { login = "manager", password = DemoPassword }));
        Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
    }

    [Fact]
    public async Task Demo_disabled_creates_nothing()
    {
        await using var factory = new GydexFactory().With("Demo:Enabled", "false");
        await factory.StartAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        Assert.False(await catalog.Organizations.AnyAsync());
        Assert.False(await catalog.Users.AnyAsync());
    }

    [Fact]
    public async Task Each_demo_employee_is_in_the_group_of_their_stereotype_and_the_intern_in_Employees_only()
    {
        await using var factory = DemoFactory(InstallationSlot.New());
        await factory.StartAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var demo = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.SingleAsync(o => o.Slug == DemoOrganization.Slug);
        await using var orgScope = factory.Services.GetRequiredService<OrgScopes>().CreateScope(demo);
        var db = orgScope.ServiceProvider.GetRequiredService<OrgDbContext>();
        var membership = await db.Set<Gydex.Kernel.Access.GroupMember>()
            .Join(db.Set<Gydex.Kernel.Access.Group>(), m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Stereotype })
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { u.UserName, x.Stereotype })
            .ToListAsync();

        Assert.Equal([Gydex.Kernel.Access.GroupStereotype.Employees], membership.Where(m => m.UserName == "intern").Select(m => m.Stereotype));
        Assert.Equal([Gydex.Kernel.Access.GroupStereotype.Administrators], membership.Where(m => m.UserName == "admin").Select(m => m.Stereotype));
        Assert.Equal([Gydex.Kernel.Access.GroupStereotype.Managers], membership.Where(m => m.UserName == "manager").Select(m => m.Stereotype));
        Assert.Equal([Gydex.Kernel.Access.GroupStereotype.Accountants], membership.Where(m => m.UserName == "accountant").Select(m => m.Stereotype));
    }
}
