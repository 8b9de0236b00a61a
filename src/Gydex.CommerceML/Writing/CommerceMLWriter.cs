using System.Xml;

namespace Gydex.CommerceML;

/// <summary>
/// Writes CommerceML records as a file 1C reads: orders (mode=query answers), catalogs and offer packages.
/// Records are written as they come, in the order a reader yields them; containers (Классификатор, Каталог/Товары,
/// ПакетПредложений/Предложения…) are opened and closed as needed. Call <see cref="Complete"/> at the end.
/// Numbers and dates use invariant formats; the XML declaration names the encoding of the bytes.
/// </summary>
public sealed partial class CommerceMLWriter : IDisposable
{
    private enum Container
    {
        None,
        Classifier,
        Catalog,
        Package,
        Counterparties,
    }

    private readonly XmlWriter w;
    private readonly GateStream gate;
    private readonly CommerceMLWriterOptions options;
    private readonly string ns;
    private readonly Stack<(string? Id, bool ChildrenOpen)> groups = new();
    private Container container;
    private string? list;
    private bool rootOpen;
    private bool completed;

    public CommerceMLWriter(Stream output, CommerceMLWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.options = options ?? new CommerceMLWriterOptions();
        ns = this.options.EffectiveNamespace;
        gate = new GateStream(output, leaveOpen);
        w = XmlWriter.Create(gate, new XmlWriterSettings
        {
            Encoding = this.options.Encoding,
            Indent = this.options.Indent,
            IndentChars = "\t",
            NewLineChars = "\n",
            CloseOutput = true,
        });
    }

    public string SchemaVersion => options.SchemaVersion;

    /// <summary>Writes a whole sequence and completes the file.</summary>
    public static void WriteAll(Stream output, IEnumerable<CommerceMLItem> items, CommerceMLWriterOptions? options = null, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var writer = new CommerceMLWriter(output, options, leaveOpen);
        foreach (var item in items)
            writer.Write(item);
        writer.Complete();
    }

    /// <summary>Orders for 1C (the body of a mode=query answer). No documents gives the empty root 1C expects.</summary>
    public static void WriteDocuments(Stream output, IEnumerable<Document> documents, CommerceMLWriterOptions? options = null, bool leaveOpen = true) =>
        WriteAll(output, documents, options, leaveOpen);

    public static byte[] ToBytes(IEnumerable<CommerceMLItem> items, CommerceMLWriterOptions? options = null)
    {
        using var buffer = new MemoryStream();
        WriteAll(buffer, items, options);
        return buffer.ToArray();
    }

    public void Write(CommerceMLItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ObjectDisposedException.ThrowIf(completed, this);
        if (item is CommerceMLHeader header)
        {
            if (rootOpen)
                throw new InvalidOperationException("The header must be the first record written.");
            OpenRoot(header);
            return;
        }
        if (!rootOpen)
            OpenRoot(null);
        switch (item)
        {
            case ClassifierInfo info:
                OpenContainer(Container.Classifier, "Классификатор", info.OnlyChangesAttribute, info.Extras);
                Element("Ид", info.Id);
                Element("Наименование", info.Name);
                Element("Описание", info.Description);
                if (info.Owner is not null)
                    WriteCounterparty("Владелец", info.Owner);
                ElementExtras(info.Extras);
                break;
            case CatalogInfo info:
                OpenContainer(Container.Catalog, "Каталог", info.OnlyChangesAttribute, info.Extras);
                Element("Ид", info.Id);
                Element("ИдКлассификатора", info.ClassifierId);
                Element("Наименование", info.Name);
                Element("Описание", info.Description);
                if (info.Owner is not null)
                    WriteCounterparty("Владелец", info.Owner);
                ElementExtras(info.Extras);
                break;
            case OfferPackageInfo info:
                OpenContainer(Container.Package, info.IsChangesPackage ? "ИзмененияПакетаПредложений" : "ПакетПредложений", info.OnlyChangesAttribute, info.Extras);
                Element("Ид", info.Id);
                Element("Наименование", info.Name);
                Element("ИдКаталога", info.CatalogId);
                Element("ИдКлассификатора", info.ClassifierId);
                Element("ДействительноС", info.ValidFrom);
                Element("ДействительноДо", info.ValidTo);
                Element("Описание", info.Description);
                if (info.Owner is not null)
                    WriteCounterparty("Владелец", info.Owner);
                ElementExtras(info.Extras);
                break;
            case CounterpartiesInfo info:
                OpenContainer(Container.Counterparties, "Контрагенты", info.OnlyChangesAttribute, info.Extras);
                ElementExtras(info.Extras);
                break;
            case Group group:
                EnsureContainer(Container.Classifier);
                WriteGroup(group);
                break;
            case Property property:
                EnsureContainer(Container.Classifier);
                EnsureList("Свойства");
                WriteProperty(property);
                break;
            case PriceType priceType:
                if (container != Container.Package)
                    EnsureContainer(Container.Classifier);
                EnsureList("ТипыЦен");
                WritePriceType(priceType);
                break;
            case Warehouse warehouse:
                if (container != Container.Package)
                    EnsureContainer(Container.Classifier);
                EnsureList("Склады");
                WriteWarehouse(warehouse);
                break;
            case Unit unit:
                EnsureContainer(Container.Classifier);
                EnsureList("ЕдиницыИзмерения");
                WriteUnit(unit);
                break;
            case Product product:
                EnsureContainer(Container.Catalog);
                EnsureList("Товары");
                Start("Товар");
                WriteProductFields(product);
                ElementExtras(product.Extras);
                w.WriteEndElement();
                break;
            case Offer offer:
                EnsureContainer(Container.Package);
                EnsureList("Предложения");
                WriteOffer(offer);
                break;
            case Counterparty counterparty:
                EnsureContainer(Container.Counterparties);
                WriteCounterparty("Контрагент", counterparty);
                break;
            case Document document:
                CloseContainer();
                WriteDocument("Документ", document);
                break;
            case UnknownElement unknown:
                CloseContainer();
                WriteExtra(unknown.Element);
                break;
            default:
                throw new ArgumentException($"{item.GetType().Name} is not a record the writer knows.", nameof(item));
        }
    }

    /// <summary>Closes every open element and flushes. Without it the output is not a complete file.</summary>
    public void Complete()
    {
        if (completed)
            return;
        if (!rootOpen)
            OpenRoot(null);
        CloseContainer();
        w.WriteEndElement();
        w.WriteEndDocument();
        w.Flush();
        completed = true;
    }

    /// <summary>
    /// Without <see cref="Complete"/> first, what XmlWriter would add on closing (the end tags) never reaches the
    /// output: an interrupted write must not look like a whole file.
    /// </summary>
    public void Dispose()
    {
        if (!completed)
            gate.Close();
        w.Dispose();
    }

    // ---- structure ---------------------------------------------------------------------------------------------

    private void OpenRoot(CommerceMLHeader? header)
    {
        w.WriteStartDocument();
        w.WriteStartElement("", "КоммерческаяИнформация", ns);
        w.WriteAttributeString("ВерсияСхемы", options.SchemaVersion);
        var generated = options.GeneratedAt ?? header?.GeneratedAt ?? DateTime.Now;
        w.WriteAttributeString("ДатаФормирования", CommerceMLValues.FormatDateTime(generated));
        if (header is not null)
            AttributeExtras(header.Extras);
        rootOpen = true;
    }

    private void OpenContainer(Container kind, string name, bool? onlyChanges, ValueList<CommerceMLExtra> extras)
    {
        CloseContainer();
        Start(name);
        if (onlyChanges is { } value)
            w.WriteAttributeString("СодержитТолькоИзменения", CommerceMLValues.FormatBoolean(value));
        AttributeExtras(extras);
        container = kind;
    }

    private void EnsureContainer(Container kind)
    {
        if (container == kind)
            return;
        var name = kind switch
        {
            Container.Classifier => "Классификатор",
            Container.Catalog => "Каталог",
            Container.Package => "ПакетПредложений",
            _ => "Контрагенты",
        };
        OpenContainer(kind, name, null, ValueList<CommerceMLExtra>.Empty);
    }

    private void CloseContainer()
    {
        CloseList();
        if (container == Container.None)
            return;
        w.WriteEndElement();
        container = Container.None;
    }

    private void EnsureList(string name)
    {
        if (list == name)
            return;
        CloseList();
        Start(name);
        list = name;
    }

    private void CloseList()
    {
        if (list is null)
            return;
        while (groups.Count > 0)
            CloseGroup();
        w.WriteEndElement();
        list = null;
    }

    private void CloseGroup()
    {
        var (_, childrenOpen) = groups.Pop();
        if (childrenOpen)
            w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>Groups arrive flattened, parents first; the writer nests each under its <see cref="Group.ParentId"/>.</summary>
    private void WriteGroup(Group group)
    {
        EnsureList("Группы");
        while (groups.Count > 0 && !string.Equals(groups.Peek().Id, group.ParentId, StringComparison.Ordinal))
            CloseGroup();
        if (groups.Count > 0)
        {
            var (id, childrenOpen) = groups.Pop();
            if (!childrenOpen)
                Start("Группы");
            groups.Push((id, true));
        }
        else if (group.ParentId is not null)
        {
            throw new InvalidOperationException($"Group {group.Id}: its parent {group.ParentId} must be written just before its subtree (parents first, depth first).");
        }
        Start("Группа");
        AttributeExtras(group.Extras);
        Element("Ид", group.Id);
        Element("НомерВерсии", group.VersionNumber);
        Element("ПометкаУдаления", group.DeletionMark);
        Element("Наименование", group.Name);
        Element("Описание", group.Description);
        ElementExtras(group.Extras);
        groups.Push((group.Id, false));
    }

    // ---- primitives --------------------------------------------------------------------------------------------

    private void Start(string name) => w.WriteStartElement("", name, ns);

    private void Element(string name, string? value)
    {
        if (value is null)
            return;
        Start(name);
        if (value.Length > 0)
            w.WriteString(value);
        w.WriteEndElement();
    }

    private void Element(string name, decimal? value)
    {
        if (value is { } v)
            Element(name, CommerceMLValues.FormatDecimal(v));
    }

    private void Element(string name, bool? value)
    {
        if (value is { } v)
            Element(name, CommerceMLValues.FormatBoolean(v));
    }

    private void Element(string name, DateOnly? value)
    {
        if (value is { } v)
            Element(name, CommerceMLValues.FormatDate(v));
    }

    private void Element(string name, DateTime? value)
    {
        if (value is { } v)
            Element(name, CommerceMLValues.FormatDateTime(v));
    }

    private void Element(string name, TimeOnly? value)
    {
        if (value is { } v)
            Element(name, CommerceMLValues.FormatTime(v));
    }

    private void Attribute(string name, string? value)
    {
        if (value is not null)
            w.WriteAttributeString(name, value);
    }

    // Extras found deeper inside a record carry a path name ("Склад/Наименование"); there is no faithful place to
    // put them back, so only the record's own extras are written.
    private static bool IsOwn(CommerceMLExtra extra) => !extra.Name.Contains('/', StringComparison.Ordinal);

    private void AttributeExtras(ValueList<CommerceMLExtra> extras)
    {
        foreach (var extra in extras)
        {
            if (extra.IsAttribute && IsOwn(extra))
                w.WriteAttributeString(extra.Name[1..], extra.Value ?? "");
        }
    }

    private void ElementExtras(ValueList<CommerceMLExtra> extras)
    {
        foreach (var extra in extras)
        {
            if (!extra.IsAttribute && IsOwn(extra))
                WriteExtra(extra);
        }
    }

    private void WriteExtra(CommerceMLExtra extra)
    {
        Start(extra.Name);
        AttributeExtras(extra.Children);
        if (extra.Value is not null)
            w.WriteString(extra.Value);
        ElementExtras(extra.Children);
        w.WriteEndElement();
    }
}

/// <summary>Passes writes through until closed; then drops them. Disposes the output unless told to leave it open.</summary>
internal sealed class GateStream(Stream inner, bool leaveOpen) : Stream
{
    private bool closed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Close()
    {
        if (!closed)
        {
            closed = true;
            if (!leaveOpen)
                inner.Dispose();
            else
                inner.Flush();
        }
        base.Close();
    }

    public override void Flush()
    {
        if (!closed)
            inner.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!closed)
            inner.Write(buffer);
    }
}
