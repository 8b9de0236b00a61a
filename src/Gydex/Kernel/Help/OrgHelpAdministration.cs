using System.Text.RegularExpressions;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Help;

/// <summary>What an administrator submits as an organization chapter.</summary>
public sealed record OrgChapterDraft(string Id, string Language, string Title, string Markdown, IReadOnlyList<string> Rights, bool MatchAny, int Order);

/// <summary>Saving and deleting the organization's own chapters, checked like shipped ones.</summary>
public sealed partial class OrgHelpAdministration(OrgDbContext db, HelpLibrary library, RightCatalog catalog, TimeProvider clock)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    public Task<List<OrgHelpChapter>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<OrgHelpChapter>().AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Id).ThenBy(c => c.Language).ToListAsync(cancellationToken);

    /// <summary>Creates or replaces the chapter; returns the errors by field, none when saved.</summary>
    public async Task<Dictionary<string, string>> SaveAsync(OrgChapterDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(draft.Id) || draft.Id.Length > HelpChapter.IdMaxLength || !IdShape().IsMatch(draft.Id))
            errors["Id"] = "The address of a chapter may hold lowercase latin letters, digits and '-'.";
        else if (library.Ids.Contains(draft.Id, StringComparer.Ordinal))
            errors["Id"] = "A chapter shipped with Gydex has this address.";
        if (!HelpLibrary.Languages.Contains(draft.Language))
            errors["Language"] = "The language must be 'ru' or 'en'.";
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > OrgHelpChapter.TitleMaxLength)
            errors["Title"] = "The title is required and must be at most 200 characters long.";
        if (draft.Markdown.Length > OrgHelpChapter.MarkdownMaxLength)
            errors["Markdown"] = "The text must be at most 100,000 characters long.";
        if (draft.Rights.Any(code => catalog.Find(code) is null))
            errors["Rights"] = "Unknown right.";
        if (errors.Count > 0)
            return errors;

        var existing = await db.Set<OrgHelpChapter>().SingleOrDefaultAsync(c => c.Id == draft.Id && c.Language == draft.Language, cancellationToken);
        var row = existing ?? db.Set<OrgHelpChapter>().Add(new OrgHelpChapter { Id = draft.Id, Language = draft.Language }).Entity;
        row.Title = draft.Title.Trim();
        row.Markdown = draft.Markdown;
        row.Rights = string.Join(',', draft.Rights.Distinct(StringComparer.Ordinal));
        row.MatchAny = draft.MatchAny;
        row.Order = draft.Order;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    public async Task<bool> DeleteAsync(string id, string language, CancellationToken cancellationToken) =>
        await db.Set<OrgHelpChapter>().Where(c => c.Id == id && c.Language == language).ExecuteDeleteAsync(cancellationToken) > 0;
}
