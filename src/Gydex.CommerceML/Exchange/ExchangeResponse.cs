using System.Globalization;
using System.Text;

namespace Gydex.CommerceML.Exchange;

public enum ExchangeStatus
{
    /// <summary>Not a protocol answer (an HTML error page, an empty body).</summary>
    Unknown,
    Success,
    Progress,
    Failure,
}

/// <summary>
/// A plain-text answer of the exchange protocol: the status word on the first line, details after, lines separated
/// by "\n". The init answer (zip=…, file_limit=…) has no status word.
/// </summary>
public sealed record ExchangeResponse(ExchangeStatus Status, IReadOnlyList<string> Lines)
{
    /// <summary>text/plain is what 1C reads; the charset must match the bytes (Bitrix answers windows-1251).</summary>
    public const string ContentType = "text/plain; charset=utf-8";

    /// <summary>Status word first, then the lines; the whole text ends with "\n" as Bitrix answers do.</summary>
    public string Text => string.Join('\n', StatusWord is { } word ? [word, .. Lines] : Lines) + "\n";

    private string? StatusWord => Status switch
    {
        ExchangeStatus.Success => "success",
        ExchangeStatus.Progress => "progress",
        ExchangeStatus.Failure => "failure",
        _ => null,
    };

    public byte[] ToBytes(Encoding? encoding = null) => (encoding ?? new UTF8Encoding(false)).GetBytes(Text);

    public static ExchangeResponse Success(params string[] lines) => new(ExchangeStatus.Success, lines);

    /// <summary>mode=checkauth: success, the cookie name and value; 1C sends "Cookie: name=value" afterwards.</summary>
    public static ExchangeResponse CheckAuth(string cookieName, string cookieValue, params string[] extraLines) =>
        new(ExchangeStatus.Success, [cookieName, cookieValue, .. extraLines]);

    /// <summary>mode=init: "zip=yes|no" and "file_limit=N" — no status word, as the protocol describes.</summary>
    public static ExchangeResponse Init(bool zip, long fileLimit, params string[] extraLines) =>
        new(ExchangeStatus.Unknown, [zip ? "zip=yes" : "zip=no", "file_limit=" + fileLimit.ToString(CultureInfo.InvariantCulture), .. extraLines]);

    /// <summary>mode=import still working: 1C repeats the same request; the message is shown to its user.</summary>
    public static ExchangeResponse Progress(string message) => new(ExchangeStatus.Progress, [message]);

    public static ExchangeResponse Failure(string message) => new(ExchangeStatus.Failure, SplitLines(message));

    /// <summary>
    /// Parses an answer as 1C does, but tolerating what real sites send: a UTF-8 BOM, "\r\n", blank lines,
    /// spaces around lines.
    /// </summary>
    public static ExchangeResponse Parse(string? body)
    {
        var lines = SplitLines((body ?? "").TrimStart('\uFEFF'));
        if (lines.Length == 0)
            return new ExchangeResponse(ExchangeStatus.Unknown, []);
        var status = lines[0].ToUpperInvariant() switch
        {
            "SUCCESS" => ExchangeStatus.Success,
            "PROGRESS" => ExchangeStatus.Progress,
            "FAILURE" or "ERROR" => ExchangeStatus.Failure,
            _ => ExchangeStatus.Unknown,
        };
        return status == ExchangeStatus.Unknown
            ? new ExchangeResponse(status, lines)
            : new ExchangeResponse(status, lines[1..]);
    }

    /// <summary>key=value lines of an init answer (zip, file_limit, sessid, version), keys lower-cased.</summary>
    public IReadOnlyDictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Lines)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                settings[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return settings;
    }

    private static string[] SplitLines(string text) =>
        text.Split(['\r', '\n', '\v'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
