using Microsoft.Playwright;

namespace Gydex.BrowserTests;

/// <summary>A manager creates a counterparty and a contact working there, on a desktop and on a 390 px phone.</summary>
public sealed class CustomersTests(LiveServer server) : BrowserTest(server)
{
    private async Task<IPage> SignInAsync(string login, int width, int height)
    {
        var page = await NewPageAsync(width, height);
        var site = new Uri(Server.BaseUrl);
        await page.Context.AddCookiesAsync([new Cookie { Name = ".Gydex.Culture", Value = "en", Domain = site.Host, Path = "/demo" }]);
        await page.GotoAsync("/demo/login");
        await page.FillAsync("#Input_Login", login);
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        await WaitForPageAsync(page, "/demo/$");
        return page;
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task A_manager_creates_a_counterparty_and_a_contact_working_there(int width, int height)
    {
        var page = await SignInAsync("manager", width, height);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/demo/customers/counterparties");
        await page.ClickAsync("[data-action=new]");
        await WaitForPageAsync(page, "/customers/counterparties/new$");
        await page.SelectOptionAsync("#Input_Kind", "Person");
        await page.FillAsync("#Input_Name", "Ромашка " + suffix);
        await page.FillAsync("#Input_Phones", "+7 495 123-45-67");
        await page.ClickAsync("form[data-form=counterparty] button[type=submit]");
        await page.WaitForSelectorAsync("h1[data-code]");
        var code = await page.GetAttributeAsync("h1[data-code]", "data-code");
        Assert.StartsWith("CP-", code, StringComparison.Ordinal);
        var counterpartyWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        await page.ClickAsync("[data-action=new-contact]");
        await WaitForPageAsync(page, "/customers/contacts/new");
        await page.FillAsync("#Input_Surname", "Петров " + suffix);
        await page.FillAsync("#Input_Emails", $"petrov-{suffix}@example.com");
        await page.FillAsync("#Input_ConsentDate", "2026-01-15");
        await page.FillAsync("#Input_ConsentPurpose", "рассылка");
        await page.ClickAsync("form[data-form=contact] button[type=submit]");
        await page.WaitForSelectorAsync("h1[data-code]");
        Assert.Contains("Ромашка " + suffix, await page.InnerTextAsync("[data-counterparties]"), StringComparison.Ordinal);
        Assert.False(await page.IsVisibleAsync("[data-no-consent]"), "a contact with consent is not flagged");

        await page.GotoAsync("/demo/customers/contacts?q=" + suffix);
        Assert.Equal(1, await page.Locator("table[data-table=contacts] tbody tr").CountAsync());
        var listWidth = await page.EvaluateAsync<int>("document.body.scrollWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"gydex-customers-{width}.png"), FullPage = true });
        if (width == 390)
        {
            Assert.True(counterpartyWidth <= 390, $"the counterparty page is {counterpartyWidth}px wide: it scrolls sideways");
            Assert.True(listWidth <= 390, $"the contacts list is {listWidth}px wide: the page scrolls sideways (the table may scroll inside its frame)");
        }
    }
}
