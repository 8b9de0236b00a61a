using System.Text;

namespace Gydex.CommerceML;

/// <summary>How <see cref="CommerceMLWriter"/> writes: schema version, bytes, namespace.</summary>
public sealed record CommerceMLWriterOptions
{
    static CommerceMLWriterOptions() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 without a byte order mark.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>windows-1251, as Bitrix answers mode=query; characters outside it are written as character references.</summary>
    public static Encoding Windows1251 => Encoding.GetEncoding(1251);

    /// <summary>ВерсияСхемы written on the root; 2.05, 2.08 and 2.10 are what 1C modules expect from a site.</summary>
    public string SchemaVersion { get; init; } = CommerceMLVersion.V210;

    /// <summary>The bytes' encoding; the XML declaration always names it.</summary>
    public Encoding Encoding { get; init; } = Utf8;

    /// <summary>Root namespace; null picks the usual one for the version (none before 2.07, urn:1C.ru:commerceml_2 after).</summary>
    public string? Namespace { get; init; }

    /// <summary>ДатаФормирования; null writes the current local time.</summary>
    public DateTime? GeneratedAt { get; init; }

    public bool Indent { get; init; } = true;

    internal string EffectiveNamespace =>
        Namespace ?? (CommerceMLVersion.Compare(SchemaVersion, "2.07") >= 0 ? "urn:1C.ru:commerceml_2" : "");

    /// <summary>Options that write in the same version, namespace and encoding as a file that was read.</summary>
    public static CommerceMLWriterOptions Like(CommerceMLHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Encoding encoding;
        try
        {
            encoding = header.Encoding.Length == 0 || header.Encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                ? (header.HasByteOrderMark ? new UTF8Encoding(true) : Utf8)
                : Encoding.GetEncoding(header.Encoding);
        }
        catch (ArgumentException)
        {
            encoding = Utf8;
        }
        return new CommerceMLWriterOptions
        {
            SchemaVersion = header.SchemaVersion.Length == 0 ? CommerceMLVersion.V210 : header.SchemaVersion,
            Encoding = encoding,
            Namespace = header.Namespace,
            GeneratedAt = header.GeneratedAt,
        };
    }
}
