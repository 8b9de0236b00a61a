using System.Net;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Platform;

public sealed class PlatformConsoleTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private async Task<(HttpClient Browser, string Login)> OperatorAsync()
    {
        var login = "op" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Gydex.Kernel.Identity.PlatformOperators>().CreateAsync(login, "Operator", TestOrganizations.Password);
        var browser = factory.Browser();
        using var signIn = await browser.PostFormAsync("/platform/login", new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = TestOrganizations.Password,
        });
        Assert.Equal("/platform", signIn.Location());
        return (browser, login);
    }

    private async Task<bool> ExistsAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.AnyAsync(o => o.Slug == slug);
    }

    private static Dictionary<string, string> NewOrgForm(string slug, string name = "Acme Trading") => new()
    {
        ["Input.Name"] = name,
        ["Input.Slug"] = slug,
        ["Input.TimeZoneId"] = "Europe/Moscow",
        ["Input.DefaultLanguage"] = "en",
        ["Input.AdminLogin"] = "chief",
        ["Input.AdminDisplayName"] = "Chief Admin",
        ["Input.AdminEmail"] = "chief@example.com",
    };

    [Fact]
    public async Task Operator_creates_an_organization_whose_administrator_signs_in_with_the_one_time_password()
    {
        var (browser, _) = await OperatorAsync();
        using (browser)
        {
            var slug = "acme-" + Guid.NewGuid().ToString("N")[..6];

            using var created = await browser.PostFormAsync("/platform/organizations/new", NewOrgForm(slug));
            var page = await Html.ParseAsync(created);
            var password = page.QuerySelector("[data-admin-password]")!.TextContent.Trim();
            var list = await browser.GetPageAsync("/platform");
            using var employee = factory.Browser();
            using var signIn = await employee.SignInAsync(slug, "chief", password);

            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            Assert.NotNull(list.QuerySelector($"tr[data-org={slug}]"));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
    }

    [Theory]
    [InlineData("Bad_Slug", "lowercase latin")]
    [InlineData("ab", "3–40 characters")]
    [InlineData("-edge-", "cannot start or end")]
    [InlineData("platform", "reserved")]
    public async Task A_malformed_address_is_refused_and_nothing_is_created(string slug, string message)
    {
        var (browser, _) = await OperatorAsync();
        using (browser)
        {
            using var response = await browser.PostFormAsync("/platform/organizations/new", NewOrgForm(slug));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, Html.Errors(await Html.ParseAsync(response)), StringComparison.Ordinal);
            Assert.False(await ExistsAsync(slug));
        }
    }

    [Fact]
    public async Task An_over_long_name_is_refused_and_nothing_is_created()
    {
        var (browser, _) = await OperatorAsync();
        using (browser)
        {
            var slug = "long-" + Guid.NewGuid().ToString("N")[..6];

            using var response = await browser.PostFormAsync("/platform/organizations/new", NewOrgForm(slug, new string('Я', 201)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("at most 200", Html.Errors(await Html.ParseAsync(response)), StringComparison.Ordinal);
            Assert.False(await ExistsAsync(slug));
        }
    }

    [Fact]
    public async Task A_form_without_antiforgery_token_is_refused_and_nothing_is_created()
    {
        var (browser, _) = await OperatorAsync();
        using (browser)
        {
            var slug = "csrf-" + Guid.NewGuid().ToString("N")[..6];
            using var content = new FormUrlEncodedContent(NewOrgForm(slug));

            using var response = await browser.PostAsync(new Uri("/platform/organizations/new", UriKind.Relative), content);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(await ExistsAsync(slug));
        }
    }

    [Fact]
    public async Task A_taken_address_is_refused()
    {
        var org = await factory.CreateOrgAsync();
        var (browser, _) = await OperatorAsync();
        using (browser)
        {
            using var response = await browser.PostFormAsync("/platform/organizations/new", NewOrgForm(org.Slug));

            Assert.Contains("already taken", Html.Errors(await Html.ParseAsync(response)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_console_refuses_an_organizations_employee()
    {
        var org = await factory.CreateOrgAsync();
        using var employee = factory.Browser();
        using var signIn = await employee.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword);
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Gydex.Session=", StringComparison.Ordinal)).Split(';')[0];
        using var replay = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        // The employee's cookie, sent to the console as it is and under the console cookie's name.
        using var asIs = new HttpRequestMessage(HttpMethod.Get, "/platform") { Headers = { { "Cookie", session } } };
        using var renamed = new HttpRequestMessage(HttpMethod.Get, "/platform")
        {
            Headers = { { "Cookie", ".Gydex.Platform=" + session[(session.IndexOf('=', StringComparison.Ordinal) + 1)..] } },
        };
        using var responseAsIs = await replay.SendAsync(asIs);
        using var responseRenamed = await replay.SendAsync(renamed);
        using var employeeLogin = await employee.PostFormAsync("/platform/login", new Dictionary<string, string>
        {
            ["Input.Login"] = org.AdminLogin,
            ["Input.Password"] = org.AdminPassword,
        });

        Assert.StartsWith("http://localhost/platform/login", responseAsIs.Location(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/platform/login", responseRenamed.Location(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, employeeLogin.StatusCode);
        Assert.Contains("Invalid login or password", Html.Errors(await Html.ParseAsync(employeeLogin)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organization_pages_refuse_an_operators_cookie()
    {
        var org = await factory.CreateOrgAsync();
        var login = "op" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Gydex.Kernel.Identity.PlatformOperators>().CreateAsync(login, null, TestOrganizations.Password);
        using var browser = factory.Browser();
        using var signIn = await browser.PostFormAsync("/platform/login", new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = TestOrganizations.Password,
        });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Gydex.Platform=", StringComparison.Ordinal)).Split(';')[0];
        using var replay = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        using var asIs = new HttpRequestMessage(HttpMethod.Get, $"/{org.Slug}/profile") { Headers = { { "Cookie", cookie } } };
        using var renamed = new HttpRequestMessage(HttpMethod.Get, $"/{org.Slug}/profile")
        {
            Headers = { { "Cookie", ".Gydex.Session=" + cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..] } },
        };
        using var responseAsIs = await replay.SendAsync(asIs);
        using var responseRenamed = await replay.SendAsync(renamed);

        Assert.StartsWith($"http://localhost/{org.Slug}/login", responseAsIs.Location(), StringComparison.Ordinal);
        Assert.StartsWith($"http://localhost/{org.Slug}/login", responseRenamed.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_suspends_an_organization_whose_pages_then_say_so_and_resumes_it()
    {
        var org = await factory.CreateOrgAsync();
        var (browser, _) = await OperatorAsync();
        using (browser)
        {
            using var suspend = await browser.PostFormAsync("/platform", new Dictionary<string, string> { ["slug"] = org.Slug }, "/platform?handler=Suspend");
            using var client = factory.CreateClient();
            using var page = await client.GetAsync(new Uri($"/{org.Slug}/login", UriKind.Relative));
            using var api = await client.PostAsync(new Uri($"/{org.Slug}/api/v1/auth/token", UriKind.Relative),
                System.Net.Http.Json.JsonContent.Create(new { login = org.AdminLogin, password = org.AdminPassword }));
            using var resume = await browser.PostFormAsync("/platform", new Dictionary<string, string> { ["slug"] = org.Slug }, "/platform?handler=Resume");
            using var resumed = await client.GetAsync(new Uri($"/{org.Slug}/login", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("suspended", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }
    }

    [Fact]
    public async Task Platform_addresses_inside_an_organization_and_organization_addresses_outside_one_are_404()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();

        using var consoleInOrg = await client.GetAsync(new Uri($"/{org.Slug}/platform/login", UriKind.Relative));
        using var loginWithoutOrg = await client.GetAsync(new Uri("/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, consoleInOrg.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, loginWithoutOrg.StatusCode);
    }
}
