using Microsoft.Playwright;

namespace Gydex.BrowserTests;

/// <summary>
/// Sales in the demo organization: the administrator creates a deal, drags it to another stage on the board (on a
/// phone, picks the stage under the card), and completes a task; an accountant, who may only look, gets no handles.
/// </summary>
public sealed class SalesTests(LiveServer server) : BrowserTest(server)
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

    /// <summary>A counterparty made through its form; returns its name.</summary>
    private static async Task<string> CreateCounterpartyAsync(IPage page, string name)
    {
        await page.GotoAsync("/demo/customers/counterparties/new");
        await page.SelectOptionAsync("#Input_Kind", "Person");
        await page.FillAsync("#Input_Name", name);
        await page.ClickAsync("form[data-form=counterparty] button[type=submit]");
        await page.WaitForSelectorAsync("h1[data-code]");
        return name;
    }

    /// <summary>
    /// Creates a deal through the form in the default pipeline's first stage, its counterparty chosen in the picker by
    /// typing part of the name in lower case and taking the match with the keyboard; returns its id.
    /// </summary>
    private static async Task<string> CreateDealAsync(IPage page, string title, string? counterparty = null)
    {
        await page.GotoAsync("/demo/deals/new");
        await page.FillAsync("#Form_Title", title);
        await page.FillAsync("#Form_Amount", "250000");
        if (counterparty is not null)
        {
            var box = page.Locator("#Form_CounterpartyId");
            await box.PressSequentiallyAsync(counterparty.ToLowerInvariant()[^8..], new LocatorPressSequentiallyOptions { Delay = 30 });
            var option = page.Locator("#Form_CounterpartyId-list [role=option]", new PageLocatorOptions { HasText = counterparty });
            await option.WaitForAsync();
            Assert.Equal("true", await box.GetAttributeAsync("aria-expanded"));
            Assert.True(await option.IsVisibleAsync(), "the match is not shown");
            var listBox = await page.Locator("#Form_CounterpartyId-list").BoundingBoxAsync();
            Assert.True(listBox!.X >= 0 && listBox.X + listBox.Width <= page.ViewportSize!.Width, "the list of matches leaves the screen");
            await box.PressAsync("Enter");
            Assert.Equal("false", await box.GetAttributeAsync("aria-expanded"));
            Assert.StartsWith(counterparty + " (CP-", await box.InputValueAsync(), StringComparison.Ordinal);
        }

        await page.ClickAsync("[data-action='create-deal']");
        await page.WaitForSelectorAsync("h1[data-deal]");
        if (counterparty is not null)
            Assert.StartsWith(counterparty + " (CP-", await page.Locator("#Form_CounterpartyId").InputValueAsync(), StringComparison.Ordinal);
        return (await page.GetAttributeAsync("h1[data-deal]", "data-deal"))!;
    }

    private static async Task<string> StageOfAsync(IPage page, string dealId) =>
        (await page.Locator($"[data-deal='{dealId}']").Locator("xpath=ancestor::section[@data-stage]").GetAttributeAsync("data-stage"))!;

    [Fact]
    public async Task On_a_desktop_the_deal_is_dragged_to_the_next_stage_and_a_task_is_completed()
    {
        var page = await SignInAsync("admin", 1280, 800);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = "Desktop deal " + suffix;
        var dealId = await CreateDealAsync(page, title, await CreateCounterpartyAsync(page, "Ромашка Десктоп " + suffix));

        await page.GotoAsync("/demo/deals/board");
        var stages = await page.Locator("section[data-stage]").EvaluateAllAsync<string[]>("s => s.map(x => x.getAttribute('data-stage'))");
        Assert.Equal(stages[0], await StageOfAsync(page, dealId));

        // Dropping the card submits its move; the board comes back with the card in the target column.
        await page.Locator($"[data-deal='{dealId}']").DragToAsync(page.Locator($"section[data-stage='{stages[2]}']"));
        await WaitForPageAsync(page, @"/deals/board\?pipelineId=");
        await page.Locator($"section[data-stage='{stages[2]}'] [data-deal='{dealId}']").WaitForAsync();
        Assert.Equal(stages[2], await StageOfAsync(page, dealId));

        // The deal's page keeps the move in its stage history.
        await page.GotoAsync($"/demo/deals/{dealId}");
        Assert.Equal(2, await page.Locator("table[data-table=stage-history] tbody tr").CountAsync());

        // A task about the deal, completed from "my tasks".
        await page.FillAsync("#t-title", "Call about " + title);
        await page.ClickAsync("[data-action='add-task']");
        await WaitForPageAsync(page, "#tasks$");
        await page.GotoAsync("/demo/tasks");
        var row = page.Locator("tr[data-task]", new PageLocatorOptions { HasText = "Call about " + title });
        // The list redirects to itself: waiting for its address would return at once, on the list before the click.
        await page.RunAndWaitForResponseAsync(() => row.Locator("[data-action='complete']").ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Method == "GET");
        await LoadedAsync(page);
        Assert.Equal(0, await page.Locator("tr[data-task]", new PageLocatorOptions { HasText = "Call about " + title }).CountAsync());
        await page.GotoAsync("/demo/tasks?state=done");
        Assert.Equal("true", await page.Locator("tr[data-task]", new PageLocatorOptions { HasText = "Call about " + title }).Locator("[data-on-time]").GetAttributeAsync("data-on-time"));
    }

    [Fact]
    public async Task On_a_390_px_phone_the_deal_is_moved_with_the_stage_picker_and_a_task_is_completed()
    {
        var page = await SignInAsync("admin", 390, 844);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = "Phone deal " + suffix;
        var dealId = await CreateDealAsync(page, title, await CreateCounterpartyAsync(page, "Ромашка Телефон " + suffix));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the deal page scrolls sideways");

        await page.GotoAsync("/demo/deals/board");
        var stages = await page.Locator("section[data-stage]").EvaluateAllAsync<string[]>("s => s.map(x => x.getAttribute('data-stage'))");
        // The board scrolls inside itself, not the page.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the board page scrolls sideways");
        var card = page.Locator($"[data-deal='{dealId}']");
        await card.Locator("[data-move-stage]").SelectOptionAsync(stages[1]);
        await card.Locator("[data-action='move']").ClickAsync();
        await page.Locator($"section[data-stage='{stages[1]}'] [data-deal='{dealId}']").WaitForAsync();

        await page.GotoAsync("/demo/tasks/new");
        await page.FillAsync("#Form_Title", "Phone task for " + title);
        await page.ClickAsync("[data-action='create-task']");
        await page.WaitForSelectorAsync("h1[data-task]");
        await page.ClickAsync("form [data-action='complete']");
        await page.Locator("[data-on-time='true']").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the task page scrolls sideways");
    }

    [Fact]
    public async Task An_overdue_task_is_reminded_of_on_a_page_of_another_module_after_it_has_loaded()
    {
        var page = await SignInAsync("admin", 390, 844);
        var title = "Overdue call " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/demo/tasks/new");
        await page.FillAsync("#Form_Title", title);
        await page.FillAsync("#Form_Deadline", DateTime.Now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-action='create-task']");
        await page.WaitForSelectorAsync("h1[data-task]");

        await page.GotoAsync("/demo/customers/counterparties");
        var reminder = page.Locator("[data-reminder]");
        await reminder.WaitForAsync();
        Assert.True(int.Parse((await reminder.GetAttributeAsync("data-overdue"))!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await reminder.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/demo/tasks");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
    }

    [Fact]
    public async Task An_accountant_who_may_only_look_sees_the_board_without_handles_to_move()
    {
        var admin = await SignInAsync("admin", 1280, 800);
        var dealId = await CreateDealAsync(admin, "Looked-at deal " + Guid.NewGuid().ToString("N")[..6]);
        var accountant = await SignInAsync("accountant", 1280, 800);
        await accountant.GotoAsync("/demo/deals/board");
        var card = accountant.Locator($"[data-deal='{dealId}']");
        await card.WaitForAsync();
        Assert.Equal("false", await card.GetAttributeAsync("draggable"));
        Assert.Equal(0, await card.Locator("[data-move-form]").CountAsync());
    }
}
