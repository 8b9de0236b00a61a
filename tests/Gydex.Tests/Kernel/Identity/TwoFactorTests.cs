using System.Net;
using System.Net.Http.Json;
using Gydex.Tests.Infrastructure;
using OtpNet;

namespace Gydex.Tests.Kernel.Identity;

public sealed class TwoFactorTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>Turns two-factor sign-in on through the profile page; returns the key and the recovery codes.</summary>
    private static async Task<(string Key, List<string> RecoveryCodes)> EnableAsync(HttpClient browser, string slug)
    {
        var setup = await browser.GetPageAsync($"/{slug}/profile/two-factor");
        var key = setup.QuerySelector("[data-authenticator-key]")!.GetAttribute("data-authenticator-key")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = Code(key),
            ["__RequestVerificationToken"] = Html.Token(setup),
        });
        using var enabled = await browser.PostAsync(new Uri($"/{slug}/profile/two-factor?handler=Enable", UriKind.Relative), content);
        var page = await Html.ParseAsync(enabled);
        var codes = page.QuerySelectorAll("[data-section=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        return (key, codes);
    }

    [Fact]
    public async Task With_two_factor_on_sign_in_asks_for_the_authenticator_code()
    {
        var org = await factory.CreateOrgAsync();
        using var setupBrowser = factory.Browser();
        (await setupBrowser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        var (key, codes) = await EnableAsync(setupBrowser, org.Slug);
        using var browser = factory.Browser();

        using var firstStep = await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword);
        Assert.StartsWith($"/{org.Slug}/login/two-factor", firstStep.Location(), StringComparison.Ordinal);
        using var blocked = await browser.GetAsync(new Uri($"/{org.Slug}/profile", UriKind.Relative));
        using var wrong = await browser.PostFormAsync(firstStep.Location()!, new Dictionary<string, string> { ["Code"] = "000000" });
        using var right = await browser.PostFormAsync(firstStep.Location()!, new Dictionary<string, string> { ["Code"] = Code(key) });

        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Contains("not valid", Html.Errors(await Html.ParseAsync(wrong)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri($"/{org.Slug}/profile", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var org = await factory.CreateOrgAsync();
        using var setupBrowser = factory.Browser();
        (await setupBrowser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        var (_, codes) = await EnableAsync(setupBrowser, org.Slug);

        using var first = factory.Browser();
        (await first.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        using var used = await first.PostFormAsync($"/{org.Slug}/login/recovery", new Dictionary<string, string> { ["RecoveryCode"] = codes[0] });
        using var second = factory.Browser();
        (await second.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        using var reused = await second.PostFormAsync($"/{org.Slug}/login/recovery", new Dictionary<string, string> { ["RecoveryCode"] = codes[0] });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("not valid", Html.Errors(await Html.ParseAsync(reused)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_two_factor_on_the_api_token_needs_the_code()
    {
        var org = await factory.CreateOrgAsync();
        using var setupBrowser = factory.Browser();
        (await setupBrowser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();
        var (key, _) = await EnableAsync(setupBrowser, org.Slug);
        using var client = factory.CreateClient();

        using var withoutCode = await client.PostAsJsonAsync($"/{org.Slug}/api/v1/auth/token", new { login = org.AdminLogin, password = org.AdminPassword });
        using var withCode = await client.PostAsJsonAsync($"/{org.Slug}/api/v1/auth/token", new { login = org.AdminLogin, password = org.AdminPassword, code = Code(key) });

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Equal("Two-factor code required", (await withoutCode.JsonAsync()).RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    [Fact]
    public async Task An_administrator_turns_off_the_two_factor_sign_in_of_a_user_who_lost_the_phone()
    {
        var org = await factory.CreateOrgAsync();
        var user = await factory.AddUserAsync(org, "forgetful");
        using (var setup = await factory.SignedInAsync(org, "forgetful"))
            await EnableAsync(setup, org.Slug);
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        var page = $"/{org.Slug}/admin/users/{user.Id}";

        var before = await admin.GetPageAsync(page);
        using var reset = await admin.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=ResetTwoFactor");
        using var browser = factory.Browser();
        using var signIn = await browser.SignInAsync(org.Slug, "forgetful", TestOrganizations.Password);

        Assert.NotNull(before.QuerySelector("[data-action=reset-two-factor]"));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal($"/{org.Slug}/", signIn.Location());
    }
}
