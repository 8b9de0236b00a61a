using Gydex.Kernel.Access;

namespace Gydex.Kernel.Help;

/// <summary>One chapter of help in one language, tied to the rights a reader must hold.</summary>
public sealed record HelpChapter(
    string Id,
    string Language,
    string Title,
    IReadOnlyList<Right> Rights,
    bool MatchAny,
    IReadOnlyList<string> Pages,
    int Order,
    string Markdown,
    bool WrittenByOrganization = false)
{
    public const int IdMaxLength = 60;
}

/// <summary>The front matter of a chapter file, as written between the <c>---</c> lines.</summary>
internal sealed class HelpFrontMatter
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public List<string> Rights { get; set; } = [];

    public string Match { get; set; } = "all";

    public List<string> Pages { get; set; } = [];

    public int Order { get; set; } = 100;
}
