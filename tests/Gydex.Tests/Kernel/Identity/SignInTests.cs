using System.Net;
using Gydex.Kernel.Identity;
using Gydex.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Identity;

public sealed class SignInTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task Employee_signs_in_by_login_and_sees_the_dashboard()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();

        using var signIn = await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal($"/{org.Slug}/", signIn.Location());
        var dashboard = await browser.GetPageAsync($"/{org.Slug}/");
        Assert.Contains("Admin " + org.Slug, dashboard.QuerySelector(".user-name")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Employee_signs_in_by_email()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "petrov", email: "petrov@example.com");
        using var browser = factory.Browser();

        using var signIn = await browser.SignInAsync(org.Slug, "Petrov@Example.com", TestOrganizations.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal($"/{org.Slug}/", signIn.Location());
    }

    [Fact]
    public async Task Unknown_login_and_wrong_password_get_the_same_answer()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();

        using var unknown = await browser.SignInAsync(org.Slug, "nobody", "Whatever-123");
        using var wrong = await browser.SignInAsync(org.Slug, org.AdminLogin, "Whatever-123");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var unknownError = Html.Errors(await Html.ParseAsync(unknown));
        Assert.Equal(unknownError, Html.Errors(await Html.ParseAsync(wrong)));
        Assert.Contains("Invalid login or password", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        for (var i = 0; i < 5; i++)
            (await browser.SignInAsync(org.Slug, org.AdminLogin, "Wrong-password-1")).Dispose();

        using var withRightPassword = await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("temporarily blocked", Html.Errors(await Html.ParseAsync(withRightPassword)), StringComparison.Ordinal);
        var lockoutEnd = await factory.InOrgAsync(org, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<GydexUser>>();
            return await users.GetLockoutEndDateAsync((await users.FindByNameAsync(org.AdminLogin))!);
        });
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd!.Value - factory.Clock.GetUtcNow(), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        using var api = await factory.CreateClient().PostAsync(new Uri($"/{org.Slug}/api/v1/auth/token", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { login = org.AdminLogin, password = org.AdminPassword }));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Session_cookie_is_bound_to_the_organization_path()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();

        using var signIn = await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword);

        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Gydex.Session=", StringComparison.Ordinal));
        Assert.Contains($"path=/{org.Slug}", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Remember_me_makes_the_session_outlive_the_browser()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();

        using var signIn = await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword, rememberMe: true);

        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Gydex.Session=", StringComparison.Ordinal));
        Assert.Contains("expires=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        var dashboard = await browser.GetPageAsync($"/{org.Slug}/");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.Token(dashboard) });
        using var signOut = await browser.PostAsync(new Uri($"/{org.Slug}/logout", UriKind.Relative), content);
        using var after = await browser.GetAsync(new Uri($"/{org.Slug}/", UriKind.Relative));

        Assert.Equal($"/{org.Slug}/login", signOut.Location());
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith($"http://localhost/{org.Slug}/login", after.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_without_antiforgery_token_is_refused()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = org.AdminLogin,
            ["Input.Password"] = org.AdminPassword,
        });

        using var response = await browser.PostAsync(new Uri($"/{org.Slug}/login", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith(".Gydex.Session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_long_login_gets_a_validation_message_not_an_error()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();

        using var response = await browser.SignInAsync(org.Slug, new string('x', 10_000), "Whatever-123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("too long", Html.Errors(await Html.ParseAsync(response)), StringComparison.Ordinal);
    }
}
