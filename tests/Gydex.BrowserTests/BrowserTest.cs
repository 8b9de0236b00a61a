using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Gydex.BrowserTests;

/// <summary>
/// A browser test: its pages live in browser contexts of its own, closed when the test ends (left open, every
/// earlier test's pages went on running in the one Chromium beside the later tests). A failed test leaves a
/// screenshot and the HTML of each of its pages in <c>$TMPDIR/gydex-browser-failures</c>, named after the test.
/// </summary>
public abstract class BrowserTest(LiveServer server) : IAsyncDisposable
{
    private static readonly string Provider = Environment.GetEnvironmentVariable("GYDEX_TEST_PROVIDER") ?? "default";
    private readonly List<IBrowserContext> contexts = [];

    protected LiveServer Server { get; } = server;

    /// <summary>A fresh browser context (no cookies) with the given viewport.</summary>
    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var page = await Server.NewPageAsync(width, height);
        lock (contexts)
            contexts.Add(page.Context);
        return page;
    }

    /// <summary>
    /// Waits until the page is at an address matching <paramref name="pattern"/> (a regular expression) and loaded.
    /// Not <c>IPage.WaitForURLAsync</c>: when the address already matches it waits for the load event, and
    /// Playwright .NET can lose that event between looking for it and subscribing to it
    /// (microsoft/playwright-dotnet#3364) — the dashboard was there and loaded, and the wait ran out after 30 s.
    /// Playwright's server checks the address here, and the load state is asked for again every second.
    /// </summary>
    protected static async Task WaitForPageAsync(IPage page, string pattern)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new PageAssertionsToHaveURLOptions { Timeout = 30_000 });
        await LoadedAsync(page);
    }

    /// <summary>Waits for the load event of the page's document; a load event the client missed is still recorded, so asking again finds it.</summary>
    protected static async Task LoadedAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 30)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
            await KeepEvidenceAsync();
        foreach (var context in contexts)
            await context.CloseAsync();
        GC.SuppressFinalize(this);
    }

    private async Task KeepEvidenceAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gydex-browser-failures");
        Directory.CreateDirectory(folder);
        var test = TestContext.Current.Test?.TestDisplayName ?? "test";
        var name = string.Concat(test.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-'));
        var i = 0;
        foreach (var page in contexts.SelectMany(c => c.Pages))
        {
            var file = Path.Combine(folder, $"{name[..Math.Min(name.Length, 150)]}-{Provider}-{i++}");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file + ".png", FullPage = true, Timeout = 10_000 });
                await File.WriteAllTextAsync(file + ".html", $"<!-- {page.Url} -->\n" + await page.ContentAsync());
            }
            catch (PlaywrightException)
            {
                // A page that cannot be captured any more leaves nothing: the failure itself is reported anyway.
            }
        }
    }
}
