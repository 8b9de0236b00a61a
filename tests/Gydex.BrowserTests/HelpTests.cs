namespace Gydex.BrowserTests;

public sealed class HelpTests(LiveServer server) : BrowserTest(server)
{
    private async Task<Microsoft.Playwright.IPage> SignInAsync(string login)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/demo/login");
        await page.FillAsync("#Input_Login", login);
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        await WaitForPageAsync(page, "/demo/$");
        return page;
    }

    [Fact]
    public async Task The_manager_opens_the_question_mark_of_a_page_and_lands_on_its_chapter()
    {
        var page = await SignInAsync("manager");

        await page.GotoAsync("/demo/profile/tokens");
        await page.ClickAsync("[data-help]");
        await WaitForPageAsync(page, "/demo/help/api-tokens$");
        var heading = await page.TextContentAsync("article h1");

        Assert.Equal("api-tokens", await page.GetAttributeAsync("article", "data-chapter"));
        Assert.False(string.IsNullOrWhiteSpace(heading));
    }

    [Fact]
    public async Task The_intern_finds_no_trace_of_the_administration_chapters()
    {
        var page = await SignInAsync("intern");

        await page.GotoAsync("/demo/help");
        var contents = await page.Locator("[data-section=contents]").InnerTextAsync();
        var listed = await page.Locator("[data-chapter^=administration]").CountAsync();
        await page.GotoAsync("/demo/help?q=" + Uri.EscapeDataString("права группы"));
        var found = await page.Locator("[data-section=results] [data-chapter^=administration]").CountAsync();
        var direct = await page.GotoAsync("/demo/help/administration-rights");

        Assert.Equal(0, listed);
        Assert.DoesNotContain("Таблица прав", contents, StringComparison.Ordinal);
        Assert.Equal(0, found);
        Assert.Equal(404, direct!.Status);
    }
}
