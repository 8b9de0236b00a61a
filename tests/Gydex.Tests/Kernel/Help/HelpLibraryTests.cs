using Gydex.Kernel.Access;
using Gydex.Kernel.Help;

namespace Gydex.Tests.Kernel.Help;

/// <summary>Chapters, their front matter, rendering and search, on chapters written here.</summary>
public sealed class HelpLibraryTests
{
    private static readonly Right Secret = new("secret.view", "test", new("Секрет", "Secret"), new("", ""));

    private sealed class Declaration : IRightsDeclaration
    {
        public IEnumerable<Right> Rights => [Secret];
    }

    private static readonly RightCatalog Catalog = new([new Declaration()]);

    private static (string, string) File(string id, string language, string rights, string body, string title = "Title") =>
        ($"{id}.{language}.md", $"---\nid: {id}\ntitle: {title}\nrights: [{rights}]\npages: [/{id}]\norder: 1\n---\n{body}\n");

    private static HelpLibrary Library(params (string, string)[] files) => new(Catalog, files);

    [Fact]
    public void Front_matter_gives_id_title_rights_pages_and_order()
    {
        var library = Library(File("guide", "ru", "secret.view", "Текст", "Руководство"), File("guide", "en", "secret.view", "Text", "Guide"));

        var chapter = library.Find("guide", "ru")!;

        Assert.Equal("Руководство", chapter.Title);
        Assert.Equal([Secret], chapter.Rights);
        Assert.Equal(["/guide"], chapter.Pages);
        Assert.Equal("Guide", library.Find("guide", "en")!.Title);
    }

    [Fact]
    public void A_chapter_naming_an_undeclared_right_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Library(File("a", "ru", "nobody.declares", "x"), File("a", "en", "nobody.declares", "x")));

        Assert.Contains("nobody.declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chapter_without_both_languages_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Library(File("a", "ru", "", "x")));

        Assert.Contains("no en text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_chapter_that_does_not_exist_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Library(File("a", "ru", "", "[x](help:ghost)"), File("a", "en", "", "x")));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_to_chapters_point_at_readable_ones_and_are_removed_for_the_others()
    {
        const string body = "See [the guide](help:guide) and [the secret](help:secret).";

        var html = HelpMarkdown.Render(body, id => id == "guide" ? "/acme/help/guide" : null);

        Assert.Contains("<a href=\"/acme/help/guide\">the guide</a>", html, StringComparison.Ordinal);
        Assert.Contains("the secret", html, StringComparison.Ordinal);
        Assert.DoesNotContain("help:secret", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/help/secret", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_and_script_links_never_render()
    {
        const string body = "<script>alert(1)</script>\n\n[click](javascript:alert(2)) <img src=x onerror=alert(3)>";

        var html = HelpMarkdown.Render(body, _ => null);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("click", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("права", "Администратор выдаёт правами группы")]
    [InlineData("ПРАВО", "Таблица прав")]
    [InlineData("пароли", "Смена пароля")]
    [InlineData("ёлки", "Про елку")]
    [InlineData("tokens", "A personal token")]
    public void Search_matches_word_forms_by_stem_ignoring_case(string query, string text)
    {
        Assert.True(HelpSearch.Score(HelpSearch.Stems(query), new HashSet<string>(), HelpSearch.Stems(text)) > 0);
    }

    [Fact]
    public void Search_needs_every_word_of_the_query()
    {
        var text = HelpSearch.Stems("Смена пароля в профиле");

        Assert.Equal(0, HelpSearch.Score(HelpSearch.Stems("пароль отдел"), new HashSet<string>(), text));
        Assert.True(HelpSearch.Score(HelpSearch.Stems("пароль профиль"), new HashSet<string>(), text) > 0);
    }

    [Fact]
    public void Shipped_images_get_their_address_and_unknown_ones_are_dropped()
    {
        const string body = "![chart](help-image:known.svg) ![ghost](help-image:ghost.svg)";

        var html = HelpMarkdown.Render(body, _ => null, name => name == "known.svg" ? "/acme/help/images/known.svg" : null);

        Assert.Contains("<img src=\"/acme/help/images/known.svg\" alt=\"chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ghost.svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chapter_showing_an_image_that_is_not_shipped_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Library(File("a", "ru", "", "![x](help-image:nowhere.png)"), File("a", "en", "", "x")));

        Assert.Contains("nowhere.png", error.Message, StringComparison.Ordinal);
    }
}
