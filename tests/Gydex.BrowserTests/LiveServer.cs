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
        await WarmUpAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // The closed network refuses Chromium's background connections; as root it needs --no-sandbox.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// One sign-in and the pages around it before any test starts: otherwise every test class's first test pays the
    /// server's first requests (the organization's model, the first views, the first password check) at the same
    /// moment: at a load average of 37 the first sign-in took about 8 s of a 30 s step budget.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        (await client.GetAsync(new Uri("/platform/login", UriKind.Relative))).EnsureSuccessStatusCode().Dispose();
        var login = await client.GetStringAsync(new Uri("/demo/login", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = "intern",
            ["Input.Password"] = DemoPassword,
            ["__RequestVerificationToken"] = token,
        });
        using var signedIn = await client.PostAsync(new Uri("/demo/login", UriKind.Relative), form);
        if (!signedIn.RequestMessage!.RequestUri!.AbsolutePath.Equals("/demo/", StringComparison.Ordinal))
            throw new InvalidOperationException($"The warm-up sign-in did not reach the dashboard: {signedIn.RequestMessage.RequestUri}");
        foreach (var page in new[] { "/demo/help", "/demo/files/folders", "/demo/customers/contacts", "/demo/deals/board" })
            (await client.GetAsync(new Uri(page, UriKind.Relative))).Dispose();
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
