using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Gydex.Kernel.Help;

/// <summary>
/// Markdown of help chapters: raw HTML is never rendered, only safe link schemes survive, and links to
/// other chapters (<c>help:id</c>) point at the chapter when the reader may read it and are removed otherwise.
/// </summary>
public static class HelpMarkdown
{
    public const string ChapterScheme = "help:";

    /// <summary>An image shipped beside the chapters: <c>![alt](help-image:rights.svg)</c>.</summary>
    public const string ImageScheme = "help-image:";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>The YAML between the <c>---</c> lines, or null.</summary>
    public static string? FrontMatter(MarkdownDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var block = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        return block is null ? null : string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()));
    }

    /// <summary>The ids of the chapters a document links to.</summary>
    public static IEnumerable<string> ChapterLinks(MarkdownDocument document) =>
        document.Descendants<LinkInline>().Where(l => l.Url?.StartsWith(ChapterScheme, StringComparison.Ordinal) == true)
            .Select(l => l.Url![ChapterScheme.Length..]);

    /// <summary>The names of the shipped images a document shows.</summary>
    public static IEnumerable<string> ImageLinks(MarkdownDocument document) =>
        document.Descendants<LinkInline>().Where(l => l.IsImage && l.Url?.StartsWith(ImageScheme, StringComparison.Ordinal) == true)
            .Select(l => l.Url![ImageScheme.Length..]);

    /// <summary>
    /// Renders for one reader: <paramref name="chapterUrl"/> gives the address of a readable chapter, null for one
    /// they may not read; <paramref name="imageUrl"/> the address of a shipped image, null for an unknown one.
    /// </summary>
    public static string Render(string markdown, Func<string, string?> chapterUrl, Func<string, string?>? imageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(chapterUrl);
        var document = Parse(markdown);
        foreach (var block in document.OfType<YamlFrontMatterBlock>().ToList())
            document.Remove(block);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.Url ?? "";
            if (link.IsImage && url.StartsWith(ImageScheme, StringComparison.Ordinal))
            {
                if (imageUrl?.Invoke(url[ImageScheme.Length..]) is { } image)
                    link.Url = image;
                else
                    Unwrap(link);
            }
            else if (url.StartsWith(ChapterScheme, StringComparison.Ordinal))
            {
                if (chapterUrl(url[ChapterScheme.Length..]) is { } target)
                    link.Url = target;
                else
                    Unwrap(link);
            }
            else if (!IsSafe(url))
            {
                Unwrap(link);
            }
        }

        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The chapter's words without markup, for search.</summary>
    public static string PlainText(string markdown)
    {
        var document = Parse(markdown);
        return string.Join(' ', document.Descendants<LiteralInline>().Select(l => l.Content.ToString())
            .Concat(document.Descendants<CodeInline>().Select(c => c.Content)));
    }

    private static bool IsSafe(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        || url.StartsWith('#')
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Replaces a link by its text: a reader who may not follow it does not learn where it led.</summary>
    private static void Unwrap(LinkInline link)
    {
        var children = link.ToList();
        foreach (var child in children)
        {
            child.Remove();
            link.InsertBefore(child);
        }

        link.Remove();
    }
}
