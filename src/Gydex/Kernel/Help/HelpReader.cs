using System.Globalization;
using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.Help;

/// <summary>
/// Help as one reader sees it: only chapters whose rights they hold exist for them — in the contents, in
/// search, at their address, behind "?", and as links inside other chapters.
/// </summary>
public sealed class HelpReader(HelpLibrary library, CurrentAccess access, IHttpContextAccessor http)
{
    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? "ru" : "en";

    public bool CanRead(HelpChapter chapter)
    {
        ArgumentNullException.ThrowIfNull(chapter);
        if (chapter.Rights.Count == 0)
            return access.IsLoaded && access.UserId is not null;
        return chapter.MatchAny ? chapter.Rights.Any(access.Has) : chapter.Rights.All(access.Has);
    }

    /// <summary>The table of contents.</summary>
    public IEnumerable<HelpChapter> Contents() => library.In(Language).Where(CanRead);

    /// <summary>The chapter with this id, or null when there is none or the reader may not read it.</summary>
    public HelpChapter? Find(string id) =>
        library.Find(id, Language) is { } chapter && CanRead(chapter) ? chapter : null;

    /// <summary>The chapter that explains the page with this route template, if the reader may read it.</summary>
    public HelpChapter? ForPage(string? routeTemplate)
    {
        if (routeTemplate is null)
            return null;
        // Page routes are kept without their leading slash; chapters name them as written in @page.
        var route = "/" + routeTemplate.TrimStart('/');
        return Contents().FirstOrDefault(c => c.Pages.Contains(route, StringComparer.OrdinalIgnoreCase));
    }

    public string Render(HelpChapter chapter)
    {
        ArgumentNullException.ThrowIfNull(chapter);
        var pathBase = http.HttpContext?.Request.PathBase.Value ?? "";
        return HelpMarkdown.Render(chapter.Markdown, id => Find(id) is null ? null : $"{pathBase}/help/{id}");
    }

    /// <summary>Chapters the reader may read that hold every word of the query, best first.</summary>
    public IReadOnlyList<HelpChapter> Search(string query)
    {
        var stems = HelpSearch.Stems(query);
        return Contents()
            .Select(c => (Chapter: c, Score: Score(c, stems)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Chapter.Order)
            .Select(r => r.Chapter)
            .ToList();
    }

    private int Score(HelpChapter chapter, HashSet<string> query)
    {
        var (title, body) = library.StemsOf(chapter);
        return HelpSearch.Score(query, title, body);
    }
}
