using System.Text;

namespace Gydex.CommerceML.Tests;

/// <summary>Finds the shared real 1C samples (../shared/commerceml/samples from the repository root).</summary>
public static class Samples
{
    public static readonly string[] All =
    [
        "argentcrusade-commerceml--documents-example.xml",
        "bigperson-exchange1c--offers.xml",
        "carono-yii2-1c-exchange--to.xml",
        "dicrtarasov-yii2-exchange1c--orders.xml",
        "dobromyslov-commerceml-parser--bitrix-query-response-full.xml",
        "dobromyslov-commerceml-parser--import0_1.xml",
        "dobromyslov-commerceml-parser--offers0_1.xml",
        "gillbeits-commerceml--rests___1af6e7b8-a026-4690-9752-1c9d64cb914d.xml",
        "irpsv-commerceml.cs-cart--import.xml",
        "irpsv-commerceml.off-doc-1c--import.xml",
        "irpsv-commerceml.ready-script--offers.xml",
    ];

    public static TheoryData<string> Names => new(All);

    public static string? Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gydex.slnx")))
                dir = dir.Parent;
            if (dir?.Parent is null)
                return null;
            var samples = Path.Combine(dir.Parent.FullName, "shared", "commerceml", "samples");
            return Directory.Exists(samples) ? samples : null;
        }
    }

    /// <summary>The sample's path; skips the calling test (never passes it) when ../shared is not there.</summary>
    public static string PathOf(string name)
    {
        var folder = Folder;
        if (folder is null)
            Assert.Skip("../shared/commerceml/samples is not beside the repository root; the conformance tests need the real 1C samples (CI always has them).");
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
            Assert.Skip($"sample {name} is missing from {folder}");
        return path;
    }

    public static List<CommerceMLItem> Read(string name) => ReadFile(PathOf(name));

    public static List<CommerceMLItem> ReadFile(string path)
    {
        using var reader = CommerceMLReader.OpenFile(path);
        var items = reader.ReadItems().ToList();
        Assert.True(reader.IsComplete);
        return items;
    }
}

/// <summary>Helpers to read fixtures written inline in tests.</summary>
public static class Xml
{
    static Xml() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static List<CommerceMLItem> Read(string xml, Encoding? encoding = null, CommerceMLReaderOptions? options = null) =>
        ReadBytes((encoding ?? new UTF8Encoding(false)).GetBytes(xml), options);

    public static List<CommerceMLItem> ReadBytes(byte[] bytes, CommerceMLReaderOptions? options = null)
    {
        using var reader = CommerceMLReader.Open(new MemoryStream(bytes), options);
        var items = reader.ReadItems().ToList();
        Assert.True(reader.IsComplete);
        return items;
    }

    public static (List<CommerceMLItem> Items, CommerceMLReader Reader) ReadWithReader(string xml, CommerceMLReaderOptions? options = null)
    {
        var reader = CommerceMLReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(xml)), options);
        var items = reader.ReadItems().ToList();
        return (items, reader);
    }

    /// <summary>A root with the given body; version and namespace attributes as given.</summary>
    public static string Root(string body, string version = "2.10", string? ns = "urn:1C.ru:commerceml_2") =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация{(ns is null ? "" : $" xmlns=\"{ns}\"")} ВерсияСхемы=\"{version}\" ДатаФормирования=\"2024-05-01T10:00:00\">{body}</КоммерческаяИнформация>";

    public static CommerceMLException Refused(string xml, CommerceMLReaderOptions? options = null) =>
        RefusedBytes(Encoding.UTF8.GetBytes(xml), options);

    public static CommerceMLException RefusedBytes(byte[] bytes, CommerceMLReaderOptions? options = null)
    {
        using var reader = CommerceMLReader.Open(new MemoryStream(bytes), options);
        var e = Assert.Throws<CommerceMLException>(() => reader.ReadItems().ToList());
        Assert.False(reader.IsComplete);
        return e;
    }
}
