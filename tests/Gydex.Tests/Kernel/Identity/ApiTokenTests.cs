using System.Net;
using System.Net.Http.Json;
using Gydex.Kernel.Identity;
using Gydex.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Identity;

public sealed class ApiTokenTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task Token_from_login_and_password_acts_as_that_user()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();

        using var issued = await client.PostAsJsonAsync($"/{org.Slug}/api/v1/auth/token", new { login = org.AdminLogin, password = org.AdminPassword });
        using var body = await issued.JsonAsync();
        var token = body.RootElement.GetProperty("token").GetString()!;
        var expiresAt = body.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        using var me = await (await client.GetWithTokenAsync($"/{org.Slug}/api/v1/me", token)).JsonAsync();

        Assert.True(expiresAt > factory.Clock.GetUtcNow());
        Assert.Equal(org.AdminLogin, me.RootElement.GetProperty("login").GetString());
        Assert.Equal("Admin " + org.Slug, me.RootElement.GetProperty("displayName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, me.RootElement.GetProperty("groups").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, me.RootElement.GetProperty("rights").ValueKind);
    }

    [Fact]
    public async Task Wrong_password_gets_401_problem_details()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync($"/{org.Slug}/api/v1/auth/token", new { login = org.AdminLogin, password = "nope-nope-1" });
        using var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Invalid login or password", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Missing_fields_and_malformed_json_get_400_problem_details()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();

        using var missing = await client.PostAsJsonAsync($"/{org.Slug}/api/v1/auth/token", new { login = org.AdminLogin });
        using var malformed = await client.PostAsync(new Uri($"/{org.Slug}/api/v1/auth/token", UriKind.Relative),
            new StringContent("{\"login\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var errors = await missing.JsonAsync();
        Assert.True(errors.RootElement.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_without_token_answers_401_and_ignores_the_session_cookie()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();

        using var response = await browser.GetAsync(new Uri($"/{org.Slug}/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Personal_token_is_created_in_the_profile_and_revoked_there()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();

        using var created = await browser.PostFormAsync($"/{org.Slug}/profile/tokens",
            new Dictionary<string, string> { ["Input.Name"] = "reports script", ["Input.Days"] = "30" },
            $"/{org.Slug}/profile/tokens?handler=Create");
        var page = await Html.ParseAsync(created);
        var token = page.QuerySelector("#new-token")!.TextContent.Trim();
        var row = page.QuerySelector("tr[data-token-id]")!;
        using var before = await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/me", token);

        using var revoked = await browser.PostFormAsync($"/{org.Slug}/profile/tokens",
            new Dictionary<string, string> { ["id"] = row.GetAttribute("data-token-id")! },
            $"/{org.Slug}/profile/tokens?handler=Revoke");
        using var after = await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/me", token);

        Assert.StartsWith(ApiTokenService.TokenPrefix, token, StringComparison.Ordinal);
        Assert.Contains("reports script", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Another_users_token_cannot_be_revoked_by_its_id()
    {
        var org = await factory.CreateOrgAsync();
        var other = await factory.AddUserAsync(org, "other");
        var (otherToken, record) = await factory.InOrgAsync(org, sp =>
            sp.GetRequiredService<ApiTokenService>().IssueAsync(other.Id, ApiTokenKind.Personal, "theirs", TimeSpan.FromDays(1), CancellationToken.None));
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();

        using var revoke = await browser.PostFormAsync($"/{org.Slug}/profile/tokens",
            new Dictionary<string, string> { ["id"] = record.Id.ToString() }, $"/{org.Slug}/profile/tokens?handler=Revoke");
        using var stillWorks = await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/me", otherToken);

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task A_disabled_users_token_stops_working_at_once()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.AddUserAsync(org, "leaver");
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(org.Slug, "leaver", TestOrganizations.Password);

        await factory.InOrgAsync(org, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<GydexUser>>();
            await sp.GetRequiredService<OrgUsers>().DisableAsync((await users.FindByIdAsync(user.Id.ToString()))!);
            return true;
        });
        using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
