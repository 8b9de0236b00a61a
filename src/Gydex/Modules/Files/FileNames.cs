using System.Text;
using System.Text.RegularExpressions;

namespace Gydex.Modules.Files;

/// <summary>
/// What a file or folder may be called. Names are only ever metadata — contents are stored by their hash — but
/// a name must still be safe wherever it goes: a download's file name, a zip, a user's own disk.
/// </summary>
public static partial class FileNames
{
    public const int MaxBytes = 255;

    /// <summary>The column's length: 255 UTF-8 bytes are at most 255 characters.</summary>
    public const int MaxChars = 255;

    [GeneratedRegex(@"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReservedDevice();

    /// <summary>Null when the name is acceptable; otherwise the reason, for the user.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "The name is empty.";
        if (Encoding.UTF8.GetByteCount(name) > MaxBytes)
            return "The name is longer than 255 bytes.";
        if (name is "." or "..")
            return "The name cannot be \".\" or \"..\".";
        foreach (var c in name)
        {
            if (c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c))
                return "The name cannot contain / \\ : * ? \" < > | or control characters.";
        }

        if (name != name.Trim() || name.EndsWith('.'))
            return "The name cannot begin or end with a space or end with a dot.";
        if (ReservedDevice().IsMatch(name))
            return "This name is reserved by Windows (CON, PRN, AUX, NUL, COM1…, LPT1…).";
        return null;
    }
}
