using System.Text.RegularExpressions;

namespace Gydex.Kernel.Organizations;

/// <summary>The organization's address segment: <c>/{slug}/…</c>.</summary>
public static partial class OrgSlug
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    /// <summary>First path segments the application itself uses; no organization may take them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "platform", "health", "openapi", "scalar", "error", "css", "js", "lib", "img", "api",
        "static", "assets", "admin", "www", "help", "login", "logout", "culture", "favicon.ico",
        "robots.txt", "_framework", "_content", "test",
    };

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Null when <paramref name="slug"/> is a valid new slug, else the reason in English.</summary>
    public static string? Validate(string? slug)
    {
        if (string.IsNullOrEmpty(slug))
            return "The address is required.";
        if (slug.Length is < MinLength or > MaxLength)
            return $"The address must be {MinLength}–{MaxLength} characters long.";
        if (!Shape().IsMatch(slug))
            return "The address may hold only lowercase latin letters, digits and '-', and cannot start or end with '-'.";
        if (Reserved.Contains(slug) || slug.EndsWith("-test", StringComparison.Ordinal))
            return "This address is reserved.";
        return null;
    }

    /// <summary>Whether a path segment could be an organization's address (no lookup).</summary>
    public static bool LooksLikeSlug(string segment) =>
        segment.Length is >= MinLength and <= MaxLength && Shape().IsMatch(segment) && !Reserved.Contains(segment);
}
