using System.Net;
using Gydex.Kernel.Web;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Gydex.Tests.Kernel.Web;

public sealed class ShellTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static async Task SwitchLanguageAsync(HttpClient browser, string org, string language)
    {
        var page = await browser.GetPageAsync($"/{org}/profile");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = language,
            ["returnUrl"] = $"/{org}/profile",
            ["__RequestVerificationToken"] = Html.Token(page),
        });
        using var response = await browser.PostAsync(new Uri($"/{org}/culture", UriKind.Relative), content);
        Assert.Equal($"/{org}/profile", response.Location());
    }

    [Fact]
    public async Task The_language_switch_changes_the_pages_and_the_choice_follows_the_user_to_another_browser()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        var english = await browser.GetPageAsync($"/{org.Slug}/");

        await SwitchLanguageAsync(browser, org.Slug, "ru");
        var russian = await browser.GetPageAsync($"/{org.Slug}/");
        using var otherBrowser = factory.Browser();
        (await otherBrowser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        var elsewhere = await otherBrowser.GetPageAsync($"/{org.Slug}/");
        await SwitchLanguageAsync(browser, org.Slug, "en");
        var back = await browser.GetPageAsync($"/{org.Slug}/");

        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign out", english.QuerySelector("[data-action=sign-out]")!.TextContent.Trim());
        Assert.Equal("ru", russian.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Выйти", russian.QuerySelector("[data-action=sign-out]")!.TextContent.Trim());
        Assert.Equal("ru", elsewhere.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign out", back.QuerySelector("[data-action=sign-out]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_sign_in_page_speaks_the_organizations_default_language()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();

        var page = await client.GetPageAsync($"/{org.Slug}/login");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(org.Organization.Name, page.QuerySelector(".brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_dashboard_greets_the_user_and_links_the_profile()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();

        var dashboard = await browser.GetPageAsync($"/{org.Slug}/");

        Assert.Contains("Admin " + org.Slug, dashboard.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/{org.Slug}/profile", dashboard.QuerySelector("[data-tile=profile]")!.GetAttribute("href"));
        Assert.NotNull(dashboard.QuerySelector("meta[name=viewport]"));
    }

    [Fact]
    public async Task An_unknown_page_in_an_organization_is_a_404_page()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();

        using var response = await browser.GetAsync(new Uri($"/{org.Slug}/no/such/page", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Health_probes_answer()
    {
        using var client = factory.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_organization_api_with_its_reference_page()
    {
        using var client = factory.CreateClient();

        using var document = await (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).JsonAsync();
        using var reference = await client.GetAsync(new Uri("/openapi/reference", UriKind.Relative));

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out _));
        Assert.True(paths.TryGetProperty("/api/v1/me", out _));
        Assert.Equal("/{org}", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        var org = await factory.CreateOrgAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"/{org.Slug}/login", UriKind.Relative));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}

/// <summary>An unexpected failure, on an installation of its own with one address that throws.</summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private readonly GydexFactory factory = new()
    {
        TestServices = services => services.AddSingleton<IStartupFilter, FailingAddress>(),
    };

    /// <summary>Appends to the end of the real pipeline a handler that throws for <c>/{org}/__fail</c>.</summary>
    private sealed class FailingAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == "/__fail"
                ? throw new InvalidOperationException("secret-internal-detail")
                : Task.CompletedTask);
        };
    }

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_failing_page_shows_500_with_a_request_id_and_no_stack_trace()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();

        using var response = await browser.GetAsync(new Uri($"/{org.Slug}/__fail", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-request-id]")?.TextContent));
        Assert.DoesNotContain("secret-internal-detail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }
}
