using System.Net;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Kernel.Identity;

/// <summary>Nothing of one organization — account, cookie, token — serves another.</summary>
public sealed class IsolationTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task Same_login_and_password_in_two_organizations_are_two_accounts()
    {
        var a = await factory.CreateOrgAsync();
        var b = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();

        var tokenA = await client.TokenAsync(a.Slug, "admin", TestOrganizations.Password);
        var tokenB = await client.TokenAsync(b.Slug, "admin", TestOrganizations.Password);
        using var meA = await (await client.GetWithTokenAsync($"/{a.Slug}/api/v1/me", tokenA)).JsonAsync();
        using var meB = await (await client.GetWithTokenAsync($"/{b.Slug}/api/v1/me", tokenB)).JsonAsync();

        Assert.NotEqual(meA.RootElement.GetProperty("id").GetString(), meB.RootElement.GetProperty("id").GetString());
        Assert.Equal(a.Slug, meA.RootElement.GetProperty("organization").GetString());
        Assert.Equal(b.Slug, meB.RootElement.GetProperty("organization").GetString());
    }

    [Fact]
    public async Task A_session_cookie_of_one_organization_is_refused_by_another()
    {
        var a = await factory.CreateOrgAsync();
        var b = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        using var signIn = await browser.SignInAsync(a.Slug, a.AdminLogin, a.AdminPassword);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Gydex.Session=", StringComparison.Ordinal)).Split(';')[0];

        // Replayed by hand, as a stolen cookie would be: the browser itself would never send it to /b.
        using var attacker = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var atA = new HttpRequestMessage(HttpMethod.Get, $"/{a.Slug}/profile") { Headers = { { "Cookie", cookie } } };
        using var atB = new HttpRequestMessage(HttpMethod.Get, $"/{b.Slug}/profile") { Headers = { { "Cookie", cookie } } };
        using var responseA = await attacker.SendAsync(atA);
        using var responseB = await attacker.SendAsync(atB);

        Assert.Equal(HttpStatusCode.OK, responseA.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, responseB.StatusCode);
        Assert.StartsWith($"http://localhost/{b.Slug}/login", responseB.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_one_organization_is_refused_by_another()
    {
        var a = await factory.CreateOrgAsync();
        var b = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(a.Slug, a.AdminLogin, a.AdminPassword);

        using var atA = await client.GetWithTokenAsync($"/{a.Slug}/api/v1/me", token);
        using var atB = await client.GetWithTokenAsync($"/{b.Slug}/api/v1/me", token);

        Assert.Equal(HttpStatusCode.OK, atA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, atB.StatusCode);
        Assert.Equal("application/problem+json", atB.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_organization_is_a_404_page_in_the_default_language()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-org/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Организация не найдена", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_organizations_api_answers_404()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-org/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
