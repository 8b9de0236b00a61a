using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Gydex.Kernel.Access;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gydex.Kernel.Help;

/// <summary>
/// Every chapter the modules ship (embedded <c>Help/*.md</c> files), read once at start-up. A chapter that
/// names an undeclared right, links to a chapter that does not exist, or lacks one of the two languages stops
/// the start.
/// </summary>
public sealed partial class HelpLibrary
{
    public static readonly string[] Languages = ["ru", "en"];

    private readonly FrozenDictionary<(string Id, string Language), HelpChapter> chapters;

    public HelpLibrary(RightCatalog catalog)
        : this(catalog, LoadEmbedded())
    {
    }

    internal HelpLibrary(RightCatalog catalog, IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var parsed = files.Select(f => Parse(catalog, f.Name, f.Text)).ToList();
        chapters = parsed.ToFrozenDictionary(c => (c.Id, c.Language));
        if (parsed.GroupBy(c => (c.Id, c.Language)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"Help chapter '{twice.Key.Id}' ({twice.Key.Language}) is shipped twice.");
        foreach (var chapter in parsed)
        {
            foreach (var language in Languages)
            {
                if (!chapters.ContainsKey((chapter.Id, language)))
                    throw new InvalidOperationException($"Help chapter '{chapter.Id}' has no {language} text.");
            }

            foreach (var image in HelpMarkdown.ImageLinks(HelpMarkdown.Parse(chapter.Markdown)))
            {
                if (!images.ContainsKey(image))
                    throw new InvalidOperationException($"Help chapter '{chapter.Id}' ({chapter.Language}) shows the image '{image}', which is not shipped.");
            }

            foreach (var target in HelpMarkdown.ChapterLinks(HelpMarkdown.Parse(chapter.Markdown)))
            {
                if (!chapters.ContainsKey((target, chapter.Language)))
                    throw new InvalidOperationException($"Help chapter '{chapter.Id}' ({chapter.Language}) links to '{target}', which does not exist.");
            }
        }

        Ids = parsed.Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        index = parsed.ToFrozenDictionary(c => (c.Id, c.Language),
            c => (HelpSearch.Stems(c.Title), HelpSearch.Stems(HelpMarkdown.PlainText(c.Markdown))));
    }

    private readonly FrozenDictionary<(string Id, string Language), (HashSet<string> Title, HashSet<string> Body)> index;

    /// <summary>The stems of a chapter's title and text, computed once.</summary>
    public (IReadOnlySet<string> Title, IReadOnlySet<string> Body) StemsOf(HelpChapter chapter)
    {
        ArgumentNullException.ThrowIfNull(chapter);
        var (title, body) = index[(chapter.Id, chapter.Language)];
        return (title, body);
    }

    /// <summary>An image shipped for the chapters, or null: only names listed at start-up are ever served.</summary>
    public (byte[] Content, string ContentType)? Image(string name) => images.TryGetValue(name, out var image) ? image : null;

    private readonly FrozenDictionary<string, (byte[] Content, string ContentType)> images = LoadImages();

    private static FrozenDictionary<string, (byte[], string)> LoadImages()
    {
        var assembly = typeof(HelpLibrary).Assembly;
        var result = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("help-images/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["help-images/".Length..];
            result[name] = (copy.ToArray(), name.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : "image/png");
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The id of every shipped chapter.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The chapter in the language asked, or in the other one where that is missing.</summary>
    public HelpChapter? Find(string id, string language) =>
        chapters.GetValueOrDefault((id, language)) ?? Languages.Select(l => chapters.GetValueOrDefault((id, l))).FirstOrDefault(c => c is not null);

    public IEnumerable<HelpChapter> In(string language) => Ids.Select(id => Find(id, language)!).OrderBy(c => c.Order).ThenBy(c => c.Title, StringComparer.CurrentCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    internal static HelpChapter Parse(RightCatalog catalog, string name, string text)
    {
        // name is "<id>.<language>.md"
        var parts = name.Split('.');
        if (parts.Length != 3 || parts[2] != "md" || !Languages.Contains(parts[1]))
            throw new InvalidOperationException($"Help file '{name}' must be named <id>.<ru|en>.md.");
        var yaml = HelpMarkdown.FrontMatter(HelpMarkdown.Parse(text))
            ?? throw new InvalidOperationException($"Help file '{name}' has no front matter.");
        var front = Yaml.Deserialize<HelpFrontMatter>(yaml) ?? new HelpFrontMatter();
        if (front.Id != parts[0] || !IdShape().IsMatch(front.Id) || front.Id.Length > HelpChapter.IdMaxLength)
            throw new InvalidOperationException($"Help file '{name}': its id '{front.Id}' must match the file name.");
        if (string.IsNullOrWhiteSpace(front.Title))
            throw new InvalidOperationException($"Help file '{name}' has no title.");
        var rights = front.Rights.Select(code => catalog.Find(code)
            ?? throw new InvalidOperationException($"Help file '{name}' needs the right '{code}', which no module declares.")).ToList();
        if (front.Match is not ("all" or "any"))
            throw new InvalidOperationException($"Help file '{name}': match must be 'all' or 'any'.");
        return new HelpChapter(front.Id, parts[1], front.Title.Trim(), rights, front.Match == "any", front.Pages, front.Order, text);
    }

    private static IEnumerable<(string Name, string Text)> LoadEmbedded()
    {
        var assembly = typeof(HelpLibrary).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("help/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource["help/".Length..], reader.ReadToEnd());
        }
    }
}
