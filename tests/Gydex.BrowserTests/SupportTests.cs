using Microsoft.Playwright;

namespace Gydex.BrowserTests;

/// <summary>
/// Support as it is used: the operator refreshes the demo's test copy from the console, enters it as the intern,
/// sees the banners and the intern's "Access is prohibited", and production stays out of reach.
/// </summary>
public sealed class SupportTests(LiveServer server)
{
    [Fact]
    public async Task The_operator_refreshes_the_test_copy_and_enters_it_as_the_intern_with_the_interns_rights_under_both_banners()
    {
        var page = await server.NewPageAsync(390, 844);
        var site = new Uri(server.BaseUrl);
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = ".Gydex.Culture", Value = "en", Domain = site.Host, Path = "/platform" },
            new Cookie { Name = ".Gydex.Culture", Value = "en", Domain = site.Host, Path = "/demo-test" },
        ]);
        await page.GotoAsync("/platform/login");
        await page.FillAsync("#Input_Login", "operator");
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForURLAsync("**/platform");

        await page.GotoAsync("/platform/operations");
        var row = page.Locator("tr[data-org=demo]");
        await row.Locator("input[name=fromLive]").CheckAsync();
        await row.Locator("form:has(input[name=fromLive]) button[type=submit]").ClickAsync();
        // The refresh runs in the background; the console shows the copy's age once it is there.
        for (var i = 0; i < 60 && await page.Locator("tr[data-org=demo] [data-test-copy-age]").CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await page.GotoAsync("/platform/operations");
        }

        Assert.Contains("data as of", await page.Locator("tr[data-org=demo] [data-test-copy-age]").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("tr[data-org=demo] input[name=login]").FillAsync("intern");
        await page.Locator("tr[data-org=demo] form:has(input[name=login]) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/demo-test/");

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
