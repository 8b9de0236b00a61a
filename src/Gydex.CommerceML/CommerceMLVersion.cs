using System.Globalization;

namespace Gydex.CommerceML;

/// <summary>Schema versions of CommerceML 2 that Gydex reads.</summary>
public static class CommerceMLVersion
{
    public const string Minimum = "2.03";
    public const string Maximum = "2.10";

    /// <summary>Versions the writer is meant for: 2.05 (Bitrix-style orders), 2.08 and 2.10.</summary>
    public const string V205 = "2.05";
    public const string V208 = "2.08";
    public const string V209 = "2.09";
    public const string V210 = "2.10";

    /// <summary>Parses "2.10" as (2, 10): the minor part is a number, so 2.10 comes after 2.09.</summary>
    public static bool TryParse(string? version, out int major, out int minor)
    {
        major = minor = 0;
        if (string.IsNullOrWhiteSpace(version))
            return false;
        var parts = version.Trim().Split('.');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out major))
            return false;
        return parts.Length < 2 || int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }

    /// <summary>Compares two versions numerically; unparsable versions sort first.</summary>
    public static int Compare(string? left, string? right)
    {
        var l = TryParse(left, out var lMajor, out var lMinor) ? (lMajor * 1000) + lMinor : -1;
        var r = TryParse(right, out var rMajor, out var rMinor) ? (rMajor * 1000) + rMinor : -1;
        return l.CompareTo(r);
    }

    public static bool IsInSupportedRange(string? version) =>
        Compare(version, Minimum) >= 0 && Compare(version, Maximum) <= 0;
}
