using System.Globalization;
using System.Text;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// Neutralizes what goes into a record: control characters (CR/LF that would forge lines in a log or a CSV,
/// bidirectional overrides that would disguise text) become visible escapes, and over-long values are cut.
/// </summary>
public static class JournalText
{
    public static string? Clean(string? value, int maxLength)
    {
        if (value is null)
            return null;
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF'
                    => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => null,
            };
            if (escape is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(value, 0, i, value.Length + 16);
            builder.Append(escape);
        }

        var clean = builder?.ToString() ?? value;
        if (clean.Length <= maxLength)
            return clean;
        // Do not cut a surrogate pair in half.
        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(clean[cut - 1]))
            cut--;
        return string.Concat(clean.AsSpan(0, cut), "…");
    }
}
