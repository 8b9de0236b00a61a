using System.Text.RegularExpressions;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace Gydex.BrowserTests;

/// <summary>
/// The file storage as people use it in the demo organization: an administrator uploads into a new folder and
/// watches the progress, closes the folder to everyone but the managers, and the intern then finds no trace of it.
/// </summary>
public sealed class FilesTests(LiveServer server) : BrowserTest(server)
{
    /// <summary>
    /// Signs in with English for this browser only: the cookie the language switch sets, not the user's profile,
    /// which other tests (the intern's Russian "Доступ запрещён") read. Sign-in sets the cookie from the profile,
    /// which a test running beside this one may have just switched to Russian, so it is set again afterwards.
    /// </summary>
    private async Task<IPage> SignInAsync(string login, int width = 1280, int height = 800)
    {
        var page = await NewPageAsync(width, height);
        var site = new Uri(Server.BaseUrl);
        var english = new Cookie { Name = ".Gydex.Culture", Value = "en", Domain = site.Host, Path = "/demo" };
        await page.Context.AddCookiesAsync([english]);
        await page.GotoAsync("/demo/login");
        await page.FillAsync("#Input_Login", login);
        await page.FillAsync("#Input_Password", LiveServer.DemoPassword);
        await page.ClickAsync("button[type=submit].primary");
        try
        {
            await WaitForPageAsync(page, "/demo/$");
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException($"{login} did not reach the dashboard; at {page.Url}: {await page.InnerTextAsync("main")}", e);
        }

        await page.Context.AddCookiesAsync([english]);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("html[lang=en]");
        return page;
    }

    /// <summary>A file of random bytes (random so that no other test's upload shares its content).</summary>
    private static string MakeFile(string name, int bytes)
    {
        var folder = Directory.CreateTempSubdirectory("gydex-files-");
        var path = Path.Combine(folder.FullName, name);
        var content = new byte[bytes];
        Random.Shared.NextBytes(content);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Creates a folder in the one shown and opens it; returns its id.</summary>
    private static async Task<string> CreateAndOpenFolderAsync(IPage page, string name)
    {
        var form = page.Locator("form:has([data-action='create-folder'])");
        await form.Locator("input[name=name]").FillAsync(name);
        await form.Locator("[data-action='create-folder']").ClickAsync();
        var row = page.Locator($"tr[data-child-folder='{name}']");
        await row.WaitForAsync();
        var href = (await row.Locator("a").GetAttributeAsync("href"))!;
        await row.Locator("a").ClickAsync();
        await WaitForPageAsync(page, Regex.Escape(href) + "$");
        var id = (await page.GetAttributeAsync("h1[data-folder]", "data-folder"))!;
        Assert.EndsWith("/files/folders/" + id, href, StringComparison.Ordinal);
        return id;
    }

    /// <summary>
    /// Uploads by choosing the file, recording what the page shows meanwhile (the script reloads the page
    /// 0.6 s after the last upload, so the observer reports to the test rather than being read afterwards).
    /// </summary>
    private static async Task<List<string>> UploadWatchingAsync(IPage page, string path)
    {
        var seen = new ConcurrentQueue<string>();
        page.Console += (_, message) => seen.Enqueue("console " + message.Type + ": " + message.Text);
        page.PageError += (_, error) => seen.Enqueue("page error: " + error);
        await page.ExposeFunctionAsync("gydexSeen", (string what) => seen.Enqueue(what));
        await page.EvaluateAsync(
            """
            () => {
              const list = document.querySelector("[data-upload-list]");
              new MutationObserver((records) => {
                for (const r of records) {
                  if (r.type === "childList") {
                    for (const n of r.addedNodes)
                      if (n.querySelector && n.querySelector("progress")) window.gydexSeen("progress appeared at " + n.querySelector("progress").getAttribute("value"));
                  } else if (r.target.localName === "progress") {
                    window.gydexSeen(r.attributeName + "=" + r.target.getAttribute(r.attributeName));
                  } else if (r.attributeName === "class") {
                    window.gydexSeen("class=" + r.target.className);
                  }
                }
              }).observe(list, { subtree: true, childList: true, attributes: true, attributeFilter: ["value", "data-percent", "class"] });
            }
            """);
        var name = Path.GetFileName(path);
        // On the loopback a file goes up in one go; at about 8 MB/s the bar has steps to watch.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = 8 * 1024 * 1024,
        });
        await page.Locator("[data-upload] input[data-upload-input]").SetInputFilesAsync(path);
        try
        {
            // Listed once uploaded and the page has reloaded by itself.
            await page.Locator($"tr[data-file='{name}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException($"{name} was not listed; the page showed: {string.Join(" | ", seen)}; " +
                $"the list: {await page.Locator("[data-upload-list]").InnerTextAsync()}", e);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {string.Join(" | ", seen)}");
        return [.. seen];
    }

    [Fact]
    public async Task The_administrator_uploads_watching_the_progress_restricts_the_folder_and_the_intern_finds_no_trace_of_it()
    {
        const string folderName = "Agreements";
        var file = MakeFile("Supply agreement 2026.pdf", 12 * 1024 * 1024);
        var fileName = Path.GetFileName(file);

        // The administrator creates the folder in the root and uploads into it.
        var admin = await SignInAsync("admin");
        var root = await admin.GotoAsync("/demo/files/folders");
        Assert.Equal(200, root!.Status);
        var folderId = await CreateAndOpenFolderAsync(admin, folderName);
        var seen = await UploadWatchingAsync(admin, file);
        var fileHref = await admin.GetAttributeAsync($"tr[data-file='{fileName}'] a", "href");
        var fileId = fileHref![(fileHref!.LastIndexOf('/') + 1)..];

        Assert.Contains(seen, s => s.StartsWith("progress appeared", StringComparison.Ordinal));
        var percents = seen.Where(s => s.StartsWith("data-percent=", StringComparison.Ordinal)).Select(s => int.Parse(s["data-percent=".Length..], CultureInfo.InvariantCulture)).ToList();
        Assert.True(percents.Any(p => p is > 0 and < 100), "the bar moves before the end: " + string.Join(" | ", seen));
        Assert.Equal(percents.Order(), percents);
        Assert.Contains("value=100", seen);
        Assert.Contains("data-percent=100", seen);
        Assert.Contains(seen, s => s.StartsWith("class=", StringComparison.Ordinal) && s.Split(' ', '=').Contains("done"));
        Assert.DoesNotContain(seen, s => s.Contains("failed", StringComparison.Ordinal));
        Assert.True(seen.IndexOf("value=100") < seen.FindIndex(s => s.StartsWith("class=", StringComparison.Ordinal)), string.Join(" | ", seen));
        Assert.Matches(@"^[0-9a-f-]{36}$", fileId);

        // It stops inheriting, removes Everyone and lets the managers read.
        await admin.GotoAsync($"/demo/files/folders/{folderId}/access");
        Assert.Equal(1, await admin.Locator("[data-inherits]").CountAsync());
        await admin.ClickAsync("[data-action='break']");
        var setRight = admin.Locator("[data-form='set-right']");
        await setRight.WaitForAsync();
        Assert.Equal(1, await admin.Locator("tr[data-entry='everyone']").CountAsync());
        await setRight.Locator("select[name=who]").SelectOptionAsync("everyone");
        await setRight.Locator("[data-action='set-right']").ClickAsync();
        await admin.Locator("tr[data-entry='everyone']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        var managers = await admin.EvaluateAsync<string>(
            """() => [...document.querySelectorAll("[data-form='set-right'] select[name=who] option")].find(o => /Managers|Менеджеры/.test(o.textContent)).value""");
        await setRight.Locator("select[name=who]").SelectOptionAsync(managers);
        await setRight.Locator("input[name=actions][value=Read]").CheckAsync();
        await setRight.Locator("[data-action='set-right']").ClickAsync();
        await admin.Locator($"tr[data-entry='{managers}']").WaitForAsync();
        var entries = await admin.Locator("table[data-table='folder-rights'] tbody tr").CountAsync();
        var internId = await admin.EvaluateAsync<string>(
            """() => [...document.querySelectorAll("[data-form='view-as'] select[name=viewAs] option")].find(o => o.textContent.includes("(intern)")).value""");
        await admin.Locator("[data-form='view-as'] select[name=viewAs]").SelectOptionAsync(internId);
        await admin.ClickAsync("[data-form='view-as'] button[type=submit]");
        var internSees = await admin.Locator("[data-view-as]").GetAttributeAsync("data-view-as");
        // The administrator still finds both (so the intern's empty results below mean something).
        await admin.GotoAsync("/demo/files/search?q=Agree");
        var adminFinds = await admin.Locator("[data-result-folder], [data-result-file]").CountAsync();

        Assert.Equal(1, entries);
        Assert.Equal("0", internSees);
        Assert.Equal(2, adminFinds);

        // The intern (Employees only, with files.access) finds no trace of the folder or the file.
        var intern = await SignInAsync("intern");
        var internRoot = await intern.GotoAsync("/demo/files/folders");
        var listed = await intern.Locator($"tr[data-child-folder='{folderName}']").CountAsync();
        var rootText = await intern.ContentAsync();
        await intern.GotoAsync("/demo/files/search?q=Agree");
        var foundByFolder = await intern.Locator("[data-result-folder], [data-result-file]").CountAsync();
        var nothingByFolder = await intern.Locator("[data-nothing]").CountAsync();
        await intern.GotoAsync("/demo/files/search?q=" + Uri.EscapeDataString(fileName));
        var foundByFile = await intern.Locator("[data-result-folder], [data-result-file]").CountAsync();
        var folderPage = await intern.GotoAsync($"/demo/files/folders/{folderId}");
        var folderPageText = await intern.ContentAsync();
        var filePage = await intern.GotoAsync($"/demo/files/file/{fileId}");
        var filePageText = await intern.ContentAsync();
        var download = await intern.GotoAsync($"/demo/files/file/{fileId}/download");
        var downloadText = await intern.ContentAsync();
        await intern.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "gydex-files-intern.png") });

        Assert.Equal(200, internRoot!.Status);
        Assert.Equal(0, listed);
        Assert.DoesNotContain(folderName, rootText, StringComparison.Ordinal);
        Assert.Equal(0, foundByFolder);
        Assert.Equal(1, nothingByFolder);
        Assert.Equal(0, foundByFile);
        Assert.Equal(404, folderPage!.Status);
        Assert.Equal(404, filePage!.Status);
        Assert.Equal(404, download!.Status);
        foreach (var text in new[] { folderPageText, filePageText, downloadText })
        {
            Assert.DoesNotContain(folderName, text, StringComparison.Ordinal);
            Assert.DoesNotContain(fileName, text, StringComparison.Ordinal);
        }

        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task On_a_390_px_phone_the_folder_page_shows_the_upload_zone_and_does_not_scroll_sideways()
    {
        var file = MakeFile("Delivery schedule for the northern warehouses, second quarter.xlsx", 64 * 1024);
        var page = await SignInAsync("manager", 390, 844);

        // Files from the menu, a new folder, an upload into it.
        await page.ClickAsync(".menu-toggle");
        var menuFiles = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("[data-nav=files]"), r => r.Request.IsNavigationRequest);
        await LoadedAsync(page);
        var opened = page.Url;
        Assert.True(menuFiles!.Status == 200 && await page.Locator("h1[data-folder]").CountAsync() == 1, $"the menu's Files led to {opened}: {await page.InnerTextAsync("main")}");
        await CreateAndOpenFolderAsync(page, "Phone uploads");
        var zoneVisible = await page.IsVisibleAsync("[data-upload]");
        var seen = await UploadWatchingAsync(page, file);
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "gydex-files-phone.png"), FullPage = true });

        Assert.True(zoneVisible, "the upload zone is shown on a phone");
        Assert.True(await page.IsVisibleAsync("[data-upload]"), "the upload zone is shown on a phone after the upload");
        Assert.Contains(seen, s => s.Split(' ', '=').Contains("done"));
        Assert.True(pageWidth <= 390, $"the folder page is {pageWidth}px wide: it scrolls sideways");

        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
