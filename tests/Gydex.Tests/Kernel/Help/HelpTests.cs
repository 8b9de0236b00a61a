using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Help;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Help;

/// <summary>The chapters the modules ship, as readers with different rights find them.</summary>
public sealed class HelpTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private HelpLibrary Library => factory.Services.GetRequiredService<HelpLibrary>();

    [Fact]
    public async Task Every_shipped_chapter_renders_in_both_languages_for_a_reader_with_every_right()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        Assert.True(Library.Ids.Count >= 7, $"only {Library.Ids.Count} chapters shipped");
        foreach (var id in Library.Ids)
        {
            var page = await admin.GetPageAsync($"/{org.Slug}/help/{id}");
            Assert.Equal(Library.Find(id, "en")!.Title, page.QuerySelector("article h1")!.TextContent.Trim());
            Assert.True(page.QuerySelector("article")!.TextContent.Length > 200, $"{id} is nearly empty");
            foreach (var link in page.QuerySelectorAll("article a[href*='/help/']"))
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative))).StatusCode);
            Assert.NotNull(Library.Find(id, "ru"));
            Assert.NotEqual(Library.Find(id, "ru")!.Markdown, Library.Find(id, "en")!.Markdown);
        }
    }

    [Fact]
    public void Every_chapter_names_rights_that_exist_and_every_right_with_a_chapter_has_it()
    {
        var catalog = factory.Services.GetRequiredService<RightCatalog>();
        foreach (var id in Library.Ids)
            Assert.All(Library.Find(id, "en")!.Rights, r => Assert.True(catalog.IsDeclared(r), r.Code));
        foreach (var right in catalog.Rights.Where(r => r.HelpChapter is not null))
            Assert.True(Library.Find(right.HelpChapter!, "en") is not null, $"{right.Code} unlocks the chapter '{right.HelpChapter}', which is not shipped");
    }

    /// <summary>Generated over the catalog: for each right, a user with every right except it finds no trace of the chapters that need it.</summary>
    [Fact]
    public async Task Without_a_right_its_chapters_are_in_neither_the_contents_nor_search_nor_at_their_address_nor_behind_the_question_mark()
    {
        var catalog = factory.Services.GetRequiredService<RightCatalog>();
        var failures = new List<string>();
        foreach (var right in catalog.Rights)
        {
            var hidden = Library.Ids.Select(id => Library.Find(id, "en")!)
                .Where(c => c.Rights.Contains(right) && (!c.MatchAny || c.Rights.Count == 1)).ToList();
            if (hidden.Count == 0)
                continue;
            var org = await factory.CreateOrgAsync();
            await factory.UserWithAllRightsExceptAsync(org, "reader", right);
            using var reader = await factory.SignedInAsync(org, "reader");
            var contents = await reader.GetPageAsync($"/{org.Slug}/help");
            foreach (var chapter in hidden)
            {
                var where = $"[{right.Code}] {chapter.Id}:";
                if (contents.QuerySelector($"[data-chapter='{chapter.Id}']") is not null)
                    failures.Add($"{where} in the contents");
                var search = await reader.GetPageAsync($"/{org.Slug}/help?q={Uri.EscapeDataString(chapter.Title)}");
                if (search.QuerySelector($"[data-section=results] [data-chapter='{chapter.Id}']") is not null)
                    failures.Add($"{where} found by search");
                using var direct = await reader.GetAsync(new Uri($"/{org.Slug}/help/{chapter.Id}", UriKind.Relative));
                if (direct.StatusCode != HttpStatusCode.NotFound)
                    failures.Add($"{where} its address answered {(int)direct.StatusCode}");
                foreach (var pagePath in chapter.Pages.Where(p => !p.Contains('{', StringComparison.Ordinal)))
                {
                    using var page = await reader.GetAsync(new Uri($"/{org.Slug}{pagePath}", UriKind.Relative));
                    if ((await Html.ParseAsync(page)).QuerySelector($"[data-help='{chapter.Id}']") is not null)
                        failures.Add($"{where} behind the ? of {pagePath}");
                }

                foreach (var other in Library.Ids.Where(i => !hidden.Any(h => h.Id == i)))
                {
                    using var otherPage = await reader.GetAsync(new Uri($"/{org.Slug}/help/{other}", UriKind.Relative));
                    if (otherPage.StatusCode == HttpStatusCode.OK && (await otherPage.Content.ReadAsStringAsync()).Contains($"/help/{chapter.Id}\"", StringComparison.Ordinal))
                        failures.Add($"{where} linked from {other}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_question_mark_opens_the_chapter_of_the_page()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        var users = await admin.GetPageAsync($"/{org.Slug}/admin/users");
        var tokens = await admin.GetPageAsync($"/{org.Slug}/profile/tokens");

        Assert.Equal($"/{org.Slug}/help/administration-users", users.QuerySelector("[data-help]")!.GetAttribute("href"));
        Assert.Equal($"/{org.Slug}/help/api-tokens", tokens.QuerySelector("[data-help]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Search_finds_Russian_word_forms_in_the_readers_language()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        var profile = await admin.GetPageAsync($"/{org.Slug}/profile");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "ru",
            ["returnUrl"] = $"/{org.Slug}/help",
            ["__RequestVerificationToken"] = Html.Token(profile),
        });
        (await admin.PostAsync(new Uri($"/{org.Slug}/culture", UriKind.Relative), content)).Dispose();

        var found = await admin.GetPageAsync($"/{org.Slug}/help?q={Uri.EscapeDataString("ТОКЕНАМИ")}");

        Assert.NotNull(found.QuerySelector("[data-section=results] [data-chapter=api-tokens]"));
        Assert.Equal(Library.Find("api-tokens", "ru")!.Title, found.QuerySelector("[data-section=results] [data-chapter=api-tokens]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_chapter_shows_its_shipped_image_and_only_shipped_images_are_served()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        var chapter = await admin.GetPageAsync($"/{org.Slug}/help/administration-rights");
        var src = chapter.QuerySelector("article img")!.GetAttribute("src")!;
        using var image = await admin.GetAsync(new Uri(src, UriKind.Relative));
        using var unknown = await admin.GetAsync(new Uri($"/{org.Slug}/help/images/nothing.svg", UriKind.Relative));
        using var traversal = await admin.GetAsync(new Uri($"/{org.Slug}/help/images/..%2F..%2Fappsettings.json", UriKind.Relative));

        Assert.Equal($"/{org.Slug}/help/images/effective-rights.svg", src);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }
}
