using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace Gydex.CommerceML;

/// <summary>
/// Streaming reader of CommerceML 2.03–2.10 files. Records are yielded one at a time in document order, so memory
/// stays constant whatever the file size (a record — one product, offer or document — is held whole).
/// Elements are matched by local name in any namespace and any order; unknown elements become <see cref="CommerceMLItem.Extras"/>.
/// A malformed, hostile or truncated file ends the enumeration with a <see cref="CommerceMLException"/>:
/// only a loop that ran to its end (and <see cref="IsComplete"/>) means the whole file was read.
/// </summary>
public sealed partial class CommerceMLReader : IDisposable
{
    private const string RootName = "КоммерческаяИнформация";

    private readonly GuardedInputStream input;
    private readonly XmlReader x;
    private readonly IXmlLineInfo lineInfo;
    private readonly CommerceMLReaderOptions options;
    private readonly string[] path;
    private readonly List<CommerceMLProblem> problems = [];
    private int extrasBudget;
    private readonly bool hasByteOrderMark;
    private readonly (int Line, int Position) doctypeAt;
    private bool started;

    static CommerceMLReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private CommerceMLReader(Stream stream, CommerceMLReaderOptions? options, bool leaveOpen)
    {
        this.options = options ?? new CommerceMLReaderOptions();
        input = new GuardedInputStream(stream, this.options.MaxTextLength, leaveOpen);
        path = new string[this.options.MaxDepth + 2];
        // XmlReader.Create already consumes the first bytes, so the BOM is looked at before.
        var prolog = input.Peek(4096);
        hasByteOrderMark = prolog.StartsWith("\uFEFF"u8);
        doctypeAt = Locate(prolog, "<!DOCTYPE"u8);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            // Real 1C exports occasionally carry control characters; refusing the whole file for them helps nobody.
            CheckCharacters = false,
            CloseInput = false,
        };
        x = XmlReader.Create(input, settings);
        lineInfo = (IXmlLineInfo)x;
    }

    /// <summary>Reads from a stream; the XML declaration (or BOM) decides the encoding.</summary>
    public static CommerceMLReader Open(Stream stream, CommerceMLReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new CommerceMLReader(stream, options, leaveOpen);
    }

    public static CommerceMLReader OpenFile(string path, CommerceMLReaderOptions? options = null)
    {
        // Buffer size 1: the guard stream buffers, FileStream need not copy twice.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return new CommerceMLReader(stream, options, leaveOpen: false);
    }

    /// <summary>The root's data, known once the first record has been read.</summary>
    public CommerceMLHeader? Header { get; private set; }

    /// <summary>Warnings so far (the first <see cref="CommerceMLReaderOptions.MaxProblemsKept"/>).</summary>
    public IReadOnlyList<CommerceMLProblem> Problems => problems;

    public int ProblemCount { get; private set; }

    /// <summary>True only after the root element closed and the end of the input was reached without error.</summary>
    public bool IsComplete { get; private set; }

    public long BytesRead => input.BytesRead;

    /// <summary>Yields the file's records in document order; can be enumerated once.</summary>
    public IEnumerable<CommerceMLItem> ReadItems()
    {
        if (started)
            throw new InvalidOperationException("A CommerceMLReader reads its input once.");
        started = true;
        return Translate(ReadRoot());
    }

    /// <summary>
    /// Async form of <see cref="ReadItems"/>: the input is read asynchronously ahead of each record; parsing
    /// a record is synchronous on the buffered bytes.
    /// </summary>
    public async IAsyncEnumerable<CommerceMLItem> ReadItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var items = ReadItems().GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await input.FillAsync(cancellationToken).ConfigureAwait(false);
            if (!items.MoveNext())
                yield break;
            yield return items.Current;
        }
    }

    public void Dispose()
    {
        x.Dispose();
        input.Dispose();
    }

    private IEnumerable<CommerceMLItem> Translate(IEnumerable<CommerceMLItem> source)
    {
        using var items = source.GetEnumerator();
        while (true)
        {
            CommerceMLItem item;
            try
            {
                if (!items.MoveNext())
                    yield break;
                item = items.Current;
            }
            catch (XmlException e)
            {
                // Some XmlExceptions (a prohibited DTD) carry no position; the reader's own is then the best there is.
                var (line, position) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition)
                    : doctypeAt.Line > 0 ? doctypeAt
                    : (lineInfo.LineNumber, lineInfo.LinePosition);
                throw new CommerceMLException(new CommerceMLProblem(CommerceMLProblemSeverity.Fatal, "malformed XML: " + e.Message, line, position, CurrentPath(), null), e);
            }
            catch (TextTooLongException e)
            {
                throw Fatal($"a text or tag longer than {e.Limit} bytes (limit {nameof(CommerceMLReaderOptions.MaxTextLength)})", null, e);
            }
            catch (DecoderFallbackException e)
            {
                throw Fatal("bytes invalid in the declared encoding: " + e.Message, null, e);
            }
            yield return item;
        }
    }

    /// <summary>Line and position of a marker in the first bytes (ASCII prolog), or (0, 0).</summary>
    private static (int Line, int Position) Locate(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> marker)
    {
        var at = bytes.IndexOf(marker);
        if (at < 0)
            return (0, 0);
        var before = bytes[..at];
        var lastBreak = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, at - lastBreak);
    }

    private IEnumerable<CommerceMLItem> ReadRoot()
    {
        string? declaredEncoding = null;
        while (true)
        {
            if (!x.Read())
                throw Fatal("the file is empty or has no root element", null);
            if (x.NodeType == XmlNodeType.XmlDeclaration)
                declaredEncoding = x.GetAttribute("encoding");
            if (x.NodeType == XmlNodeType.Element)
                break;
        }
        CheckElement();
        if (!string.Equals(x.LocalName, RootName, StringComparison.Ordinal))
            throw Fatal($"not a CommerceML file: the root is <{x.LocalName}>, not <{RootName}>", x.LocalName);

        var ns = x.NamespaceURI;
        string? version = null;
        string? generatedText = null;
        List<CommerceMLExtra>? extras = null;
        if (x.HasAttributes)
        {
            while (x.MoveToNextAttribute())
            {
                switch (x.LocalName)
                {
                    case "ВерсияСхемы":
                        version = x.Value;
                        break;
                    case "ДатаФормирования":
                        generatedText = x.Value;
                        break;
                    default:
                        KeepAttribute(ref extras);
                        break;
                }
            }
            x.MoveToElement();
        }

        CheckVersion(version, ns);
        DateTime? generatedAt = null;
        if (generatedText is not null && !CommerceMLValues.TryParseDateTime(generatedText, out generatedAt))
            Warn("ДатаФормирования is not a date", generatedText, lineInfo.LineNumber, lineInfo.LinePosition, 0);

        Header = new CommerceMLHeader
        {
            SchemaVersion = version ?? "",
            GeneratedAt = generatedAt,
            Namespace = ns,
            Encoding = (declaredEncoding ?? "utf-8").Trim().ToLowerInvariant(),
            HasByteOrderMark = hasByteOrderMark,
            Extras = extras.ToValueList(),
        };
        yield return Header;

        var d = Enter();
        while (Next(d))
        {
            BeginRecord();
            switch (x.LocalName)
            {
                case "Классификатор":
                    foreach (var item in ReadClassifier())
                        yield return item;
                    break;
                case "Каталог":
                    foreach (var item in ReadCatalog())
                        yield return item;
                    break;
                case "ПакетПредложений":
                    foreach (var item in ReadOfferPackage(isChanges: false))
                        yield return item;
                    break;
                case "ИзмененияПакетаПредложений":
                    foreach (var item in ReadOfferPackage(isChanges: true))
                        yield return item;
                    break;
                case "Документ":
                    yield return ReadDocument();
                    break;
                case "Контрагенты":
                    foreach (var item in ReadCounterparties())
                        yield return item;
                    break;
                default:
                    if (ReadExtra() is { } unknown)
                        yield return new UnknownElement(unknown);
                    break;
            }
        }

        // Anything after the root (a second root, garbage) makes XmlReader throw here.
        while (x.Read())
        {
        }
        IsComplete = true;
    }

    private void CheckVersion(string? version, string ns)
    {
        var nsSaysThree = ns.Contains("commerceml_3", StringComparison.OrdinalIgnoreCase);
        if (CommerceMLVersion.TryParse(version, out var major, out _))
        {
            if (major >= 3)
                throw Fatal($"CommerceML {version!.Trim()} is not supported: Gydex reads CommerceML {CommerceMLVersion.Minimum}–{CommerceMLVersion.Maximum}; ask for a 2.x unloading", version);
            if (major < 2 || !CommerceMLVersion.IsInSupportedRange(version))
                Warn($"schema version {version} is outside {CommerceMLVersion.Minimum}–{CommerceMLVersion.Maximum}; read as CommerceML 2", version, lineInfo.LineNumber, lineInfo.LinePosition, 0);
            return;
        }
        if (nsSaysThree)
            throw Fatal($"CommerceML 3 (namespace {ns}) is not supported: Gydex reads CommerceML {CommerceMLVersion.Minimum}–{CommerceMLVersion.Maximum}", version ?? ns);
        Warn(version is null ? "ВерсияСхемы is missing; read as CommerceML 2" : "ВерсияСхемы is not a version; read as CommerceML 2", version, lineInfo.LineNumber, lineInfo.LinePosition, 0);
    }

    // ---- navigation -------------------------------------------------------------------------------------------

    /// <summary>On a start element: steps inside it. Returns its depth, or -1 when it was empty (already passed).</summary>
    private int Enter()
    {
        if (x.IsEmptyElement)
        {
            x.Read();
            return -1;
        }
        var depth = x.Depth;
        x.Read();
        return depth;
    }

    /// <summary>Moves to the next child element of the element entered at <paramref name="depth"/>; false (and past its end tag) when none is left.</summary>
    private bool Next(int depth)
    {
        if (depth < 0)
            return false;
        while (true)
        {
            switch (x.NodeType)
            {
                case XmlNodeType.Element:
                    CheckElement();
                    return true;
                case XmlNodeType.EndElement when x.Depth == depth:
                    x.Read();
                    return false;
            }
            if (!x.Read())
                throw Fatal("unexpected end of file", null);
        }
    }

    private void CheckElement()
    {
        var depth = x.Depth;
        if (depth > options.MaxDepth)
            throw Fatal($"elements nested deeper than {options.MaxDepth} (limit {nameof(CommerceMLReaderOptions.MaxDepth)})", null);
        if (x.AttributeCount > options.MaxAttributesPerElement)
            throw Fatal($"an element with {x.AttributeCount} attributes, more than {options.MaxAttributesPerElement} (limit {nameof(CommerceMLReaderOptions.MaxAttributesPerElement)})", null);
        path[depth] = x.LocalName;
    }

    /// <summary>The text of the current element (all its text nodes); child elements in it are skipped with a warning.</summary>
    private string Text()
    {
        if (x.IsEmptyElement)
        {
            x.Read();
            return "";
        }
        var depth = x.Depth;
        x.Read();
        if (x.NodeType == XmlNodeType.Text)
        {
            var value = x.Value;
            x.Read();
            if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth)
            {
                x.Read();
                return value;
            }
            return TextSlow(depth, value);
        }
        return TextSlow(depth, null);
    }

    private string TextSlow(int depth, string? value)
    {
        while (true)
        {
            switch (x.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    value = value is null ? x.Value : value + x.Value;
                    break;
                case XmlNodeType.Element:
                    CheckElement();
                    Warn($"element <{x.LocalName}> inside a text value is skipped", null, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);
                    SkipChecked();
                    continue;
                case XmlNodeType.EndElement when x.Depth == depth:
                    x.Read();
                    return value ?? "";
            }
            if (!x.Read())
                throw Fatal("unexpected end of file", null);
        }
    }

    /// <summary>Skips the current element, still enforcing the depth and attribute limits inside it.</summary>
    private void SkipChecked()
    {
        if (x.IsEmptyElement)
        {
            x.Read();
            return;
        }
        var depth = x.Depth;
        x.Read();
        while (true)
        {
            if (x.NodeType == XmlNodeType.Element)
                CheckElement();
            else if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth)
            {
                x.Read();
                return;
            }
            if (!x.Read())
                throw Fatal("unexpected end of file", null);
        }
    }

    private void BeginRecord() => extrasBudget = options.MaxExtrasPerRecord;

    /// <summary>Reads the current unknown element whole, as an extra; null when the record's budget is spent.</summary>
    private CommerceMLExtra? ReadExtra()
    {
        if (extrasBudget <= 0)
        {
            if (extrasBudget == 0)
                Warn($"more than {options.MaxExtrasPerRecord} unknown elements in one record; the rest are skipped", null, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);
            extrasBudget--;
            SkipChecked();
            return null;
        }
        extrasBudget--;
        var name = x.LocalName;
        List<CommerceMLExtra>? children = null;
        KeepAttributes(ref children);
        if (x.IsEmptyElement)
        {
            x.Read();
            return new CommerceMLExtra(name, null, children.ToValueList());
        }
        var depth = x.Depth;
        x.Read();
        string? text = null;
        while (true)
        {
            switch (x.NodeType)
            {
                case XmlNodeType.Element:
                    CheckElement();
                    if (ReadExtra() is { } child)
                        (children ??= []).Add(child);
                    continue;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    text = text is null ? x.Value : text + x.Value;
                    break;
                case XmlNodeType.EndElement when x.Depth == depth:
                    x.Read();
                    return new CommerceMLExtra(name, text, children.ToValueList());
            }
            if (!x.Read())
                throw Fatal("unexpected end of file", null);
        }
    }

    /// <summary>
    /// Keeps an unknown element in the extras of the record that starts at <paramref name="ownerDepth"/>. One found deeper
    /// inside the record is named by its path ("Склад/Наименование") so it cannot pass for a field of the record itself.
    /// </summary>
    private void AddExtra(ref List<CommerceMLExtra>? extras, int ownerDepth = int.MaxValue)
    {
        var depth = x.Depth;
        if (ReadExtra() is not { } extra)
            return;
        if (depth > ownerDepth + 1)
            extra = extra with { Name = Qualify(ownerDepth, depth - 1, extra.Name) };
        (extras ??= []).Add(extra);
    }

    private string Qualify(int ownerDepth, int lastDepth, string name)
    {
        var builder = new StringBuilder();
        for (var i = ownerDepth + 1; i <= lastDepth; i++)
            builder.Append(path[i]).Append('/');
        return builder.Append(name).ToString();
    }

    /// <summary>Keeps all attributes of the current element (namespace declarations and xsi hints are not data).</summary>
    private void KeepAttributes(ref List<CommerceMLExtra>? extras, int ownerDepth = int.MaxValue)
    {
        if (!x.HasAttributes)
            return;
        while (x.MoveToNextAttribute())
            KeepAttribute(ref extras, ownerDepth);
        x.MoveToElement();
    }

    private void KeepAttribute(ref List<CommerceMLExtra>? extras, int ownerDepth = int.MaxValue)
    {
        var ns = x.NamespaceURI;
        if (ns.Length > 0 && (ns == "http://www.w3.org/2000/xmlns/" || ns == "http://www.w3.org/2001/XMLSchema-instance"))
            return;
        if (x.Prefix.Length == 0 && x.LocalName == "xmlns")
            return;
        // An attribute node's depth is its element's plus one.
        var elementDepth = x.Depth - 1;
        var name = "@" + x.LocalName;
        if (elementDepth > ownerDepth)
            name = Qualify(ownerDepth, elementDepth, name);
        (extras ??= []).Add(new CommerceMLExtra(name, x.Value));
    }

    // ---- values ------------------------------------------------------------------------------------------------

    private string? Str() => Text();

    private decimal? Dec()
    {
        int line = lineInfo.LineNumber, position = lineInfo.LinePosition, depth = x.Depth;
        var text = Text();
        return ParseDecimal(text, line, position, depth);
    }

    private decimal? ParseDecimal(string? text, int line, int position, int depth)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (CommerceMLValues.TryParseDecimal(text, out var value))
            return value;
        Warn("not a number", text, line, position, depth);
        return null;
    }

    private bool? Bool()
    {
        int line = lineInfo.LineNumber, position = lineInfo.LinePosition, depth = x.Depth;
        var text = Text();
        return ParseBool(text, line, position, depth);
    }

    private bool? ParseBool(string? text, int line, int position, int depth)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (CommerceMLValues.TryParseBoolean(text, out var value))
            return value;
        Warn("not a boolean", text, line, position, depth);
        return null;
    }

    private DateOnly? Date()
    {
        int line = lineInfo.LineNumber, position = lineInfo.LinePosition, depth = x.Depth;
        var text = Text();
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (CommerceMLValues.TryParseDate(text, out var value))
            return value;
        Warn("not a date", text, line, position, depth);
        return null;
    }

    private DateTime? DateTimeValue()
    {
        int line = lineInfo.LineNumber, position = lineInfo.LinePosition, depth = x.Depth;
        var text = Text();
        return ParseDateTime(text, line, position, depth);
    }

    private DateTime? ParseDateTime(string? text, int line, int position, int depth)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (CommerceMLValues.TryParseDateTime(text, out var value))
            return value;
        Warn("not a date and time", text, line, position, depth);
        return null;
    }

    private TimeOnly? Time()
    {
        int line = lineInfo.LineNumber, position = lineInfo.LinePosition, depth = x.Depth;
        var text = Text();
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (CommerceMLValues.TryParseTime(text, out var value))
            return value;
        Warn("not a time", text, line, position, depth);
        return null;
    }

    /// <summary>Reads the boolean attribute the reader is positioned on (СодержитТолькоИзменения).</summary>
    private bool? BoolAttribute() => ParseBool(x.Value, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);

    private decimal? DecimalAttribute() => ParseDecimal(x.Value, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);

    /// <summary>Reads a container's СодержитТолькоИзменения and keeps its other attributes.</summary>
    private bool? ReadContainerAttributes(ref List<CommerceMLExtra>? extras)
    {
        bool? onlyChanges = null;
        if (!x.HasAttributes)
            return null;
        while (x.MoveToNextAttribute())
        {
            if (x.LocalName == "СодержитТолькоИзменения")
                onlyChanges = BoolAttribute();
            else
                KeepAttribute(ref extras);
        }
        x.MoveToElement();
        return onlyChanges;
    }

    // ---- problems ----------------------------------------------------------------------------------------------

    private string CurrentPath() => PathAt(Math.Min(x.Depth, path.Length - 1));

    private string PathAt(int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i <= depth && i < path.Length; i++)
        {
            if (path[i] is null)
                break;
            builder.Append('/').Append(path[i]);
        }
        return builder.ToString();
    }

    private void Warn(string message, string? value, int line, int position, int depth)
    {
        var problem = new CommerceMLProblem(CommerceMLProblemSeverity.Warning, message, line, position, PathAt(depth), value);
        ProblemCount++;
        if (problems.Count < options.MaxProblemsKept)
            problems.Add(problem);
        if (options.ProblemHandler?.Invoke(problem) == ProblemAction.Stop)
            throw new CommerceMLException(problem);
    }

    private CommerceMLException Fatal(string message, string? value, Exception? inner = null) =>
        new(new CommerceMLProblem(CommerceMLProblemSeverity.Fatal, message, lineInfo.LineNumber, lineInfo.LinePosition, CurrentPath(), value), inner);
}
