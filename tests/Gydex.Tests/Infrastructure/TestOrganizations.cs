using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Infrastructure;

/// <summary>An organization opened for one test, with its administrator's credentials.</summary>
public sealed record TestOrg(Organization Organization, string AdminLogin, string AdminPassword)
{
    public string Slug => Organization.Slug;
}

public static class TestOrganizations
{
    public const string Password = "Correct-horse-42";

    /// <summary>Opens a fresh organization through the real provisioning (own database, migrations, admin).</summary>
    public static async Task<TestOrg> CreateOrgAsync(this GydexFactory factory, string? slug = null, string adminLogin = "admin")
    {
        ArgumentNullException.ThrowIfNull(factory);
        slug ??= "t" + Guid.NewGuid().ToString("N")[..10];
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>().CreateAsync(
            new NewOrganization(slug, "Test " + slug, "Europe/Moscow", "en", adminLogin, "Admin " + slug, null, Password),
            CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return new TestOrg(result.Organization!, adminLogin, Password);
    }

    /// <summary>Adds an employee to the organization.</summary>
    public static async Task<GydexUser> AddUserAsync(this GydexFactory factory, TestOrg org, string login, string password = Password, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(org);
        await using var scope = factory.Services.GetRequiredService<OrgScopes>().CreateScope(org.Organization);
        var (user, _, errors) = await scope.ServiceProvider.GetRequiredService<OrgUsers>()
            .CreateAsync(new NewUser(login, "User " + login, email, password, MustChangePassword: false));
        Assert.True(user is not null, string.Join("; ", errors));
        return user!;
    }

    /// <summary>Runs code in the organization's own DI scope (its database, its users).</summary>
    public static async Task<T> InOrgAsync<T>(this GydexFactory factory, TestOrg org, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = factory.Services.GetRequiredService<OrgScopes>().CreateScope(org.Organization);
        return await work(scope.ServiceProvider);
    }

    /// <summary>The id of the organization's user with this login.</summary>
    public static Task<Guid> UserIdAsync(this GydexFactory factory, TestOrg org, string login) =>
        factory.InOrgAsync(org, async sp => await sp.GetRequiredService<Gydex.Kernel.Persistence.OrgDbContext>().Users
            .Where(u => u.UserName == login).Select(u => u.Id).SingleAsync());

    /// <summary>A browser signed in as <paramref name="login"/> through the real form.</summary>
    public static async Task<HttpClient> SignedInAsync(this GydexFactory factory, TestOrg org, string login, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(org);
        var browser = factory.Browser();
        using var signIn = await browser.SignInAsync(org.Slug, login, password);
        Assert.True(signIn.StatusCode == System.Net.HttpStatusCode.Redirect, $"{login} could not sign in: {(int)signIn.StatusCode}");
        return browser;
    }
}
