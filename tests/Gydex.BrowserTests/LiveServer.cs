using Gydex.Tests.Infrastructure;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Gydex.BrowserTests.LiveServer))]

namespace Gydex.BrowserTests;

/// <summary>
/// Gydex on a real Kestrel port with the demo organization, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    public const string DemoPassword = "Browser-demo-2026";
    private const string Chromium = "/usr/bin/chromium";

    private readonly GydexFactory factory = new GydexFactory().With("Demo:Enabled", "true").With("Demo:Password", DemoPassword);
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (./test.sh does).");
        factory.UseKestrel(0);
        factory.StartServer();
        await factory.StartAsync();
        BaseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // The closed network refuses Chromium's background connections; as root it needs --no-sandbox.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        await factory.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies) with the given viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
        });
        return await context.NewPageAsync();
    }
}
