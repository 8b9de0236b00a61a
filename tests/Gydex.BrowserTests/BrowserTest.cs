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
