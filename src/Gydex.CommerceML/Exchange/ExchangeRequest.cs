using System.Net;

namespace Gydex.CommerceML.Exchange;

public enum ExchangeType
{
    Unknown,
    Catalog,
    Sale,
}

public enum ExchangeMode
{
    Unknown,
    CheckAuth,
    Init,
    File,
    Import,
    Query,
    Success,
    Deactivate,
    Complete,
    Info,
}

/// <summary>
/// The query of an exchange call: <c>?type=catalog|sale&amp;mode=…&amp;filename=…</c>. Unknown parameters (sessid,
/// version, timestamp…) are ignored, as 1C modules and Bitrix add their own.
/// </summary>
public sealed record ExchangeRequest(ExchangeType Type, ExchangeMode Mode, string? FileName, string RawType, string RawMode)
{
    public static ExchangeRequest Parse(string? query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = WebUtility.UrlDecode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : WebUtility.UrlDecode(pair[(eq + 1)..]);
            parameters.TryAdd(key, value);
        }
        return FromParameters(parameters);
    }

    public static ExchangeRequest FromParameters(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var rawType = parameters.GetValueOrDefault("type") ?? "";
        var rawMode = parameters.GetValueOrDefault("mode") ?? "";
        var type = rawType.Trim().ToUpperInvariant() switch
        {
            "CATALOG" => ExchangeType.Catalog,
            "SALE" => ExchangeType.Sale,
            _ => ExchangeType.Unknown,
        };
        var mode = rawMode.Trim().ToUpperInvariant() switch
        {
            "CHECKAUTH" => ExchangeMode.CheckAuth,
            "INIT" => ExchangeMode.Init,
            "FILE" => ExchangeMode.File,
            "IMPORT" => ExchangeMode.Import,
            "QUERY" => ExchangeMode.Query,
            "SUCCESS" => ExchangeMode.Success,
            "DEACTIVATE" => ExchangeMode.Deactivate,
            "COMPLETE" => ExchangeMode.Complete,
            "INFO" => ExchangeMode.Info,
            _ => ExchangeMode.Unknown,
        };
        var fileName = parameters.GetValueOrDefault("filename");
        return new ExchangeRequest(type, mode, string.IsNullOrWhiteSpace(fileName) ? null : fileName, rawType, rawMode);
    }

    /// <summary>The file name made safe as a relative path (see <see cref="ExchangeFileName.TryNormalize"/>), or null.</summary>
    public string? SafeFileName => ExchangeFileName.TryNormalize(FileName, out var safe) ? safe : null;
}

/// <summary>File names 1C sends: "import.xml", "import_files/9d/….jpg", "offers___guid.xml". Never a path outside.</summary>
public static class ExchangeFileName
{
    /// <summary>
    /// Turns a received name into a safe relative path with "/" separators: backslashes become "/", the prefixes some
    /// modules add are dropped, and absolute paths, drive letters, "..", empty or control-character segments are refused.
    /// </summary>
    public static bool TryNormalize(string? name, out string safe)
    {
        safe = "";
        if (string.IsNullOrWhiteSpace(name) || name.Length > 1024)
            return false;
        var n = name.Trim().Replace('\\', '/');
        if (n.StartsWith('/') || (n.Length > 1 && n[1] == ':'))
            return false;
        var segments = n.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
            return false;
        foreach (var segment in segments)
        {
            if (segment is "." or ".." || segment.Any(char.IsControl) || segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                return false;
        }
        safe = string.Join('/', segments);
        return true;
    }

    /// <summary>The full path of a safe name under a root; throws when the name is not safe.</summary>
    public static string Resolve(string root, string name)
    {
        if (!TryNormalize(name, out var safe))
            throw new ArgumentException($"unsafe exchange file name \"{name}\"", nameof(name));
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, safe));
        var prefix = fullRoot.EndsWith(Path.DirectorySeparatorChar) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
            throw new ArgumentException($"exchange file name \"{name}\" leaves the package folder", nameof(name));
        return full;
    }
}
