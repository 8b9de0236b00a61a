using Microsoft.Playwright;

namespace Gydex.BrowserTests;

/// <summary>
/// Support as it is used: the operator refreshes the demo's test copy from the console, enters it as the intern,
/// sees the banners and the intern's "Access is prohibited", and production stays out of reach.
/// </summary>
public sealed class SupportTests(LiveServer server) : BrowserTest(server)
{
    [Fact]
    public async Task The_operator_refreshes_the_test_copy_and_enters_it_as_the_intern_with_the_interns_rights_under_both_banners()
    {
        var page = await NewPageAsync(390, 844);
        var site = new Uri(Server.BaseUrl);
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = ".Gydex.Culture", Value = "en", Domain = site.Host, Path = "/platform" },
            new Cookie { Name = ".Gydex.Culture", Value = "en", Domain = site.Host, Path = "/demo-test" },
        ]);
        await page.GotoAsync("/platform/login");
        await page.FillAsync("#Input_Login", "operator");
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        await WaitForPageAsync(page, "/platform$");

        await page.GotoAsync("/platform/operations");
        var row = page.Locator("tr[data-org=demo]");
        await row.Locator("input[name=fromLive]").CheckAsync();
        // Back on the console the refresh's POST redirects to (the console it was clicked on may list a copy already).
        await page.RunAndWaitForResponseAsync(() => row.Locator("form:has(input[name=fromLive]) button[type=submit]").ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Method == "GET");
        // The refresh runs in the background (a backup, its verification, the restore) and the console reloads
        // itself every 5 s meanwhile. The copy is ready once it is listed as active on a console that has
        // stopped reloading: a reload between filling the login and submitting would lose the login.
        var ready = page.Locator("html:not(:has(meta[http-equiv=refresh])) tr[data-org=demo] [data-test-copy-status=active]");
        try
        {
            await ready.WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException($"the test copy did not become ready; the console shows: {await page.InnerTextAsync("main")}", e);
        }

        Assert.Contains("data as of", await ready.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator("input[name=login]").FillAsync("intern");
        await row.Locator("form:has(input[name=login]) button[type=submit]").ClickAsync();
        try
        {
            await WaitForPageAsync(page, "/demo-test/$");
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException($"entering the test copy did not reach its dashboard; at {page.Url}: {await page.InnerTextAsync("body")}", e);
        }

        Assert.Contains("Test copy — data as of", await page.Locator("[data-banner=test-copy]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("acting as", await page.Locator("[data-banner=support]").InnerTextAsync(), StringComparison.Ordinal);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px phone");

        await page.GotoAsync("/demo-test/admin/users");
        Assert.Contains("Access is prohibited", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // Production: this browser has no session there.
        await page.GotoAsync("/demo/");
        Assert.Contains("/demo/login", page.Url, StringComparison.Ordinal);
    }
}
