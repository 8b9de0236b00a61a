using Microsoft.AspNetCore.StaticFiles;

namespace Gydex.Modules.Files;

/// <summary>
/// How a download is served. Everything is an attachment with <c>X-Content-Type-Options: nosniff</c>; only a
/// short list of types a browser shows safely may be shown inline, and only when the content really starts
/// like that type (a "picture.png" that is HTML is served as a plain download).
/// </summary>
public static class ContentTypes
{
    private static readonly FileExtensionContentTypeProvider ByExtension = new();

    private static readonly Dictionary<string, byte[][]> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        [".jpg"] = [[0xFF, 0xD8, 0xFF]],
        [".jpeg"] = [[0xFF, 0xD8, 0xFF]],
        [".gif"] = [[0x47, 0x49, 0x46, 0x38]],
        [".webp"] = [[0x52, 0x49, 0x46, 0x46]],
        [".pdf"] = [[0x25, 0x50, 0x44, 0x46, 0x2D]],
    };

    public static string Of(string name) =>
        ByExtension.TryGetContentType(name, out var type) ? type : "application/octet-stream";

    /// <summary>Whether the content may be shown in the browser: an allowed type whose first bytes match it.</summary>
    public static bool MayShowInline(string name, ReadOnlySpan<byte> head)
    {
        if (!Inline.TryGetValue(Path.GetExtension(name), out var signatures))
            return false;
        foreach (var signature in signatures)
        {
            if (head.StartsWith(signature))
                return true;
        }

        return false;
    }
}
