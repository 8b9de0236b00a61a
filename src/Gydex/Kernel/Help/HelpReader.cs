using System.Globalization;
using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.Help;

/// <summary>
/// Help as one reader sees it: only chapters whose rights they hold exist for them — in the contents, in
/// search, at their address, behind "?", and as links inside other chapters.
/// </summary>
public sealed class HelpReader(HelpLibrary library, CurrentAccess access, RightCatalog catalog, IServiceProvider services, IHttpContextAccessor http)
{
    private static readonly Ganss.Xss.HtmlSanitizer Sanitizer = new();

    private List<HelpChapter>? organizationChapters;
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

    /// <summary>The contents with the organization's own chapters.</summary>
    public async Task<IReadOnlyList<HelpChapter>> AllContentsAsync(CancellationToken cancellationToken) =>
        Contents().Concat((await OrganizationChaptersAsync(cancellationToken)).Where(CanRead))
            .OrderBy(c => c.Order).ThenBy(c => c.Title, StringComparer.CurrentCulture).ToList();

    /// <summary>A shipped or organization chapter the reader may read, or null.</summary>
    public async Task<HelpChapter?> FindAnyAsync(string id, CancellationToken cancellationToken) =>
        Find(id) ?? (await OrganizationChaptersAsync(cancellationToken)).FirstOrDefault(c => c.Id == id && CanRead(c));

    public async Task<string> RenderAsync(HelpChapter chapter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chapter);
        var pathBase = http.HttpContext?.Request.PathBase.Value ?? "";
        var readable = (await AllContentsAsync(cancellationToken)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var html = HelpMarkdown.Render(chapter.Markdown,
            id => readable.Contains(id) ? $"{pathBase}/help/{id}" : null,
            image => library.Image(image) is null ? null : $"{pathBase}/help/images/{image}");
        // What an organization wrote passes the sanitizer too: no script runs, whatever was typed.
        return chapter.WrittenByOrganization ? Sanitizer.Sanitize(html) : html;
    }

    /// <summary>Chapters the reader may read that hold every word of the query, best first.</summary>
    public async Task<IReadOnlyList<HelpChapter>> SearchAsync(string query, CancellationToken cancellationToken)
    {
        var stems = HelpSearch.Stems(query);
        return (await AllContentsAsync(cancellationToken))
            .Select(c => (Chapter: c, Score: Score(c, stems)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Chapter.Order)
            .Select(r => r.Chapter)
            .ToList();
    }

    private int Score(HelpChapter chapter, HashSet<string> query)
    {
        if (chapter.WrittenByOrganization)
            return HelpSearch.Score(query, HelpSearch.Stems(chapter.Title), HelpSearch.Stems(HelpMarkdown.PlainText(chapter.Markdown)));
        var (title, body) = library.StemsOf(chapter);
        return HelpSearch.Score(query, title, body);
    }

    private async Task<List<HelpChapter>> OrganizationChaptersAsync(CancellationToken cancellationToken)
    {
        if (organizationChapters is not null)
            return organizationChapters;
        var db = services.GetRequiredService<Gydex.Kernel.Persistence.OrgDbContext>();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<OrgHelpChapter>().Where(c => c.Language == Language), cancellationToken);
        organizationChapters = rows.Select(ToChapter).Where(c => c is not null).Select(c => c!).ToList();
        return organizationChapters;
    }

    /// <summary>A stored chapter as a chapter; null when it names a right no module declares any more (it stays hidden).</summary>
    private HelpChapter? ToChapter(OrgHelpChapter row)
    {
        var codes = row.Rights.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rights = codes.Select(catalog.Find).ToList();
        if (rights.Any(r => r is null))
            return null;
        return new HelpChapter(row.Id, row.Language, row.Title, rights!, row.MatchAny, [], row.Order, row.Markdown, WrittenByOrganization: true);
    }
}
