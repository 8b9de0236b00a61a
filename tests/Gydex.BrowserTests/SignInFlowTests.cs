using Microsoft.Playwright;

namespace Gydex.BrowserTests;

public sealed class SignInFlowTests(LiveServer server) : BrowserTest(server)
{
    private static async Task SignInAsManagerAsync(IPage page)
    {
        await page.GotoAsync("/demo/login");
        await page.FillAsync("#Input_Login", "manager");
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        try
        {
            await WaitForPageAsync(page, "/demo/$");
        }
        catch (PlaywrightException e)
        {
            // Say what the browser shows instead, so a failure explains itself.
            throw new TimeoutException($"Sign-in did not reach the dashboard; at {page.Url}: {await page.InnerTextAsync("main")}", e);
        }
    }

    /// <summary>
    /// Switches the language and waits for the page it redirects back to. Waiting for <c>html[lang=…]</c> alone
    /// returned at once when the page already spoke that language, and the next step then ran on the old page
    /// while the switch's navigation replaced it.
    /// </summary>
    private static async Task SwitchLanguageAsync(IPage page, string language)
    {
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync($".language-switch button[value={language}]"),
            r => r.Request.IsNavigationRequest && r.Request.Method == "GET");
        await page.WaitForSelectorAsync($"html[lang={language}]");
    }

    [Fact]
    public async Task Manager_signs_in_sees_the_dashboard_switches_to_English_and_back_and_signs_out()
    {
        var page = await NewPageAsync();

        await SignInAsManagerAsync(page);
        var greeting = await page.TextContentAsync("h1");
        // The demo org speaks Russian; another test may have left the manager's own choice at English.
        await SwitchLanguageAsync(page, "ru");
        var russianSignOut = await page.TextContentAsync("[data-action=sign-out]");
        await SwitchLanguageAsync(page, "en");
        var englishSignOut = await page.TextContentAsync("[data-action=sign-out]");
        var englishGreeting = await page.TextContentAsync("h1");
        await SwitchLanguageAsync(page, "ru");
        var backToRussian = await page.TextContentAsync("[data-action=sign-out]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "gydex-dashboard.png") });
        await page.ClickAsync("[data-action=sign-out]");
        await WaitForPageAsync(page, "/demo/login$");

        Assert.Contains("Алексей Смирнов", greeting, StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync(".brand"), "the organization's name heads the page");
        Assert.Equal("Выйти", russianSignOut?.Trim());
        Assert.Equal("Sign out", englishSignOut?.Trim());
        Assert.StartsWith("Good day", englishGreeting?.Trim(), StringComparison.Ordinal);
        Assert.Equal("Выйти", backToRussian?.Trim());
        Assert.EndsWith("/demo/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_390_px_phone_the_navigation_opens_from_the_menu_button()
    {
        var page = await NewPageAsync(390, 844);

        await SignInAsManagerAsync(page);
        var hiddenBefore = !await page.IsVisibleAsync("[data-nav=profile]");
        await page.ClickAsync(".menu-toggle");
        var shownAfter = await page.IsVisibleAsync("[data-nav=profile]");
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "gydex-phone.png") });
        await page.ClickAsync("[data-nav=profile]");
        await WaitForPageAsync(page, "/demo/profile$");
        await page.ClickAsync(".menu-toggle");
        await SwitchLanguageAsync(page, "en");
        await page.ClickAsync(".menu-toggle");
        await page.ClickAsync("[data-action=sign-out]");
        await WaitForPageAsync(page, "/demo/login$");

        Assert.True(hiddenBefore, "the menu is folded on a phone");
        Assert.True(shownAfter, "the menu button opens it");
        Assert.True(pageWidth <= 390, $"the page is {pageWidth}px wide: it scrolls sideways");
        Assert.EndsWith("/demo/login", page.Url, StringComparison.Ordinal);
    }
}
