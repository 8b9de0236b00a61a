using System.IO.Compression;
using System.Text;
using Gydex.CommerceML.Exchange;

namespace Gydex.CommerceML.Tests;

/// <summary>Input crafted to hurt the site is refused with a clear error, never half-read as complete.</summary>
public class HostileInputTests
{
    [Fact]
    public void Billion_laughs_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <КоммерческаяИнформация ВерсияСхемы="2.05"><Документ><Ид>&lol3;</Ид></Документ></КоммерческаяИнформация>
            """;
        var e = Xml.Refused(xml);
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void External_entity_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <КоммерческаяИнформация ВерсияСхемы="2.05"><Документ><Комментарий>&secret;</Комментарий></Документ></КоммерческаяИнформация>
            """;
        var e = Xml.Refused(xml);
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_text_node_is_refused_before_it_is_buffered()
    {
        var options = new CommerceMLReaderOptions { MaxTextLength = 1024 * 1024 };
        var head = Encoding.UTF8.GetBytes("<КоммерческаяИнформация ВерсияСхемы=\"2.10\"><Документ><Комментарий>");
        var bytes = head.Concat(Enumerable.Repeat((byte)'a', 3 * 1024 * 1024)).Concat("</Комментарий></Документ></КоммерческаяИнформация>"u8.ToArray()).ToArray();
        var e = Xml.RefusedBytes(bytes, options);
        Assert.Contains("longer than 1048576 bytes", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 1);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var body = string.Concat(Enumerable.Repeat("<Вложено>", 5000)) + string.Concat(Enumerable.Repeat("</Вложено>", 5000));
        var e = Xml.Refused(Xml.Root("<Документ><Ид>1</Ид>" + body + "</Документ>"));
        Assert.Contains("nested deeper than 64", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("/КоммерческаяИнформация/Документ/Вложено/Вложено", e.Problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_attributes_are_refused()
    {
        var attributes = string.Concat(Enumerable.Range(0, 100).Select(i => $" a{i}=\"{i}\""));
        var e = Xml.Refused(Xml.Root($"<Документ{attributes}><Ид>1</Ид></Документ>"));
        Assert.Contains("100 attributes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_an_error_with_line_and_position_and_never_complete()
    {
        var full = Xml.Root(string.Concat(Enumerable.Range(0, 50).Select(i => $"\n<Документ><Ид>{i}</Ид><Номер>{i}</Номер></Документ>")));
        var cut = Encoding.UTF8.GetBytes(full)[..(Encoding.UTF8.GetByteCount(full) / 2)];
        using var reader = CommerceMLReader.Open(new MemoryStream(cut));
        var seen = new List<CommerceMLItem>();
        var e = Assert.Throws<CommerceMLException>(() =>
        {
            foreach (var item in reader.ReadItems())
                seen.Add(item);
        });
        Assert.NotEmpty(seen.OfType<Document>()); // what came before was delivered…
        Assert.False(reader.IsComplete);          // …but the file is not reported as read
        Assert.Equal(CommerceMLProblemSeverity.Fatal, e.Problem.Severity);
        Assert.True(e.Line > 1);
        Assert.True(e.Position > 0);
        Assert.Contains("malformed XML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_after_the_root_is_refused()
    {
        var e = Xml.Refused(Xml.Root("") + "<КоммерческаяИнформация/>");
        Assert.Contains("malformed XML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        Assert.Contains("malformed XML", Xml.RefusedBytes([]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_bomb_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await archive.CreateEntry("import.xml", CompressionLevel.SmallestSize).OpenAsync(TestContext.Current.CancellationToken);
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
                await entry.WriteAsync(zeros, TestContext.Current.CancellationToken);
        }
        zip.Position = 0;
        Assert.True(zip.Length < 1024 * 1024);
        using var folder = new TempFolder();
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ZipPackage.ExtractAsync(zip, folder.Path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("zip bomb", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_larger_than_the_total_limit_is_refused()
    {
        var zip = MakeZip(("a.xml", new byte[40_000]), ("b.xml", new byte[40_000]));
        using var folder = new TempFolder();
        var limits = new ZipPackageLimits { MaxTotalUncompressedBytes = 50_000, MaxCompressionRatio = double.MaxValue };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ZipPackage.ExtractAsync(zip, folder.Path, limits, TestContext.Current.CancellationToken));
        Assert.Contains("more than 50000 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_with_too_many_entries_is_refused()
    {
        var zip = MakeZip([.. Enumerable.Range(0, 20).Select(i => ($"f{i}.jpg", new byte[] { 1 }))]);
        using var folder = new TempFolder();
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ZipPackage.ExtractAsync(zip, folder.Path, new ZipPackageLimits { MaxEntries = 10 }, TestContext.Current.CancellationToken));
        Assert.Contains("20 entries", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../evil.xml")]
    [InlineData("import_files/../../evil.xml")]
    [InlineData("/etc/evil.xml")]
    [InlineData("..\\evil.xml")]
    [InlineData("C:/evil.xml")]
    public async Task Zip_slip_entry_is_refused_and_nothing_lands_outside(string entryName)
    {
        var zip = MakeZip(("import.xml", "<a/>"u8.ToArray()), (entryName, "pwned"u8.ToArray()));
        using var parent = new TempFolder();
        var target = Path.Combine(parent.Path, "package");
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ZipPackage.ExtractAsync(zip, target, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("outside the package", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(parent.Path, "evil.xml")));
    }

    [Fact]
    public async Task Zip_package_with_xml_and_images_is_unpacked()
    {
        var zip = MakeZip(("import.xml", "<a/>"u8.ToArray()), ("import_files/9d/photo.jpg", new byte[] { 1, 2, 3 }));
        using var folder = new TempFolder();
        var entries = await ZipPackage.ExtractAsync(zip, folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["import.xml", "import_files/9d/photo.jpg"], entries.Select(e => e.Name));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(folder.Path, "import_files", "9d", "photo.jpg"), TestContext.Current.CancellationToken));
    }

    internal static MemoryStream MakeZip(params (string Name, byte[] Content)[] entries)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        zip.Position = 0;
        return zip;
    }
}

/// <summary>A temp folder deleted with everything in it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gydex-cml-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
