using Microsoft.Playwright;

namespace Gydex.BrowserTests;

public sealed class AccessTests(LiveServer server) : BrowserTest(server)
{
    [Fact]
    public async Task The_intern_sees_no_administration_and_gets_Access_is_prohibited_typing_its_address()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/demo/login");
        await page.FillAsync("#Input_Login", "intern");
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        await WaitForPageAsync(page, "/demo/$");

        var menu = await page.Locator("[data-nav=administration]").CountAsync();
        var response = await page.GotoAsync("/demo/admin/users");
        var heading = await page.TextContentAsync("h1");
        var deniedRight = await page.GetAttributeAsync("[data-denied-right]", "data-denied-right");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "gydex-intern-denied.png") });

        Assert.Equal(0, menu);
        Assert.Equal(403, response!.Status);
        Assert.Equal("Доступ запрещён", heading?.Trim());
        Assert.Equal("access.users.view", deniedRight);
    }

    [Fact]
    public async Task The_administrator_sees_the_administration_menu_and_the_table_of_rights()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/demo/login");
        await page.FillAsync("#Input_Login", "admin");
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        await WaitForPageAsync(page, "/demo/$");

        await page.ClickAsync("[data-nav=administration]");
        await WaitForPageAsync(page, "/demo/admin/users$");
        var interns = await page.Locator("tr[data-user=intern]").TextContentAsync();
        await page.GotoAsync("/demo/admin/rights");
        var rows = await page.Locator("table[data-table=rights] tr[data-right]").CountAsync();

        Assert.Contains("Сотрудники", interns, StringComparison.Ordinal);
        Assert.True(rows >= 5, $"{rows} rights in the table");
    }
}
