using System.Net;
using Gydex.Kernel.Identity;
using Gydex.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Identity;

/// <summary>Tests that move the clock, on an installation of their own so no other test sees the jump.</summary>
public sealed class ExpiryTests : IAsyncLifetime
{
    private readonly GydexFactory factory = new();

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_disabled_users_session_ends_within_a_minute()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.AddUserAsync(org, "leaver");
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "leaver", TestOrganizations.Password)).Dispose();
        using var before = await browser.GetAsync(new Uri($"/{org.Slug}/profile", UriKind.Relative));

        await factory.InOrgAsync(org, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<GydexUser>>();
            await sp.GetRequiredService<OrgUsers>().DisableAsync((await users.FindByIdAsync(user.Id.ToString()))!);
            return true;
        });
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        using var after = await browser.GetAsync(new Uri($"/{org.Slug}/profile", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith($"http://localhost/{org.Slug}/login", after.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var org = await factory.CreateOrgAsync();
        var admin = await factory.InOrgAsync(org, async sp =>
            (await sp.GetRequiredService<UserManager<GydexUser>>().FindByNameAsync(org.AdminLogin))!);
        var (token, _) = await factory.InOrgAsync(org, sp =>
            sp.GetRequiredService<ApiTokenService>().IssueAsync(admin.Id, ApiTokenKind.Personal, "short", TimeSpan.FromDays(1), CancellationToken.None));
        using var client = factory.CreateClient();

        using var fresh = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/me", token);
        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var expired = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/me", token);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }
}
