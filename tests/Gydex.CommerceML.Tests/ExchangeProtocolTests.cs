using System.Text;
using Gydex.CommerceML.Exchange;

namespace Gydex.CommerceML.Tests;

public class ExchangeProtocolTests
{
    [Fact]
    public void Answers_are_plain_text_lines_with_the_status_word_first()
    {
        Assert.Equal("success\n", ExchangeResponse.Success().Text);
        Assert.Equal("success\ngydex_session\nabc123\nsessid=xyz\n", ExchangeResponse.CheckAuth("gydex_session", "abc123", "sessid=xyz").Text);
        Assert.Equal("zip=yes\nfile_limit=204800\n", ExchangeResponse.Init(zip: true, 204800).Text);
        Assert.Equal("zip=no\nfile_limit=1000\n", ExchangeResponse.Init(zip: false, 1000).Text);
        Assert.Equal("progress\nИмпорт товаров: 100 из 500\n", ExchangeResponse.Progress("Импорт товаров: 100 из 500").Text);
        Assert.Equal("failure\nФайл не найден\nimport.xml\n", ExchangeResponse.Failure("Файл не найден\nimport.xml").Text);
        Assert.Equal(CommerceMLWriterOptions.Windows1251.GetBytes("progress\nЖдите\n"), ExchangeResponse.Progress("Ждите").ToBytes(CommerceMLWriterOptions.Windows1251));
    }

    [Theory]
    [InlineData("success\ngydex\n123\n", ExchangeStatus.Success, new[] { "gydex", "123" })]
    [InlineData("\uFEFFsuccess\r\nwc1c-auth\r\ntoken\r\n", ExchangeStatus.Success, new[] { "wc1c-auth", "token" })]
    [InlineData("  progress \n\n step 2 \n", ExchangeStatus.Progress, new[] { "step 2" })]
    [InlineData("failure\nОшибка проверки источника запроса", ExchangeStatus.Failure, new[] { "Ошибка проверки источника запроса" })]
    [InlineData("<html><body>Fatal error</body></html>", ExchangeStatus.Unknown, new[] { "<html><body>Fatal error</body></html>" })]
    [InlineData("", ExchangeStatus.Unknown, new string[0])]
    public void Answers_from_real_sites_are_parsed_tolerantly(string body, ExchangeStatus status, string[] lines)
    {
        var response = ExchangeResponse.Parse(body);
        Assert.Equal(status, response.Status);
        Assert.Equal(lines, response.Lines);
    }

    [Fact]
    public void Init_answer_settings_are_read_in_any_order()
    {
        var settings = ExchangeResponse.Parse("file_limit=204800\r\nzip=yes\nsessid=abc\nversion=2.09").Settings();
        Assert.Equal(("yes", "204800", "2.09"), (settings["zip"], settings["file_limit"], settings["version"]));
    }

    [Theory]
    [InlineData("type=catalog&mode=checkauth", ExchangeType.Catalog, ExchangeMode.CheckAuth, null)]
    [InlineData("?type=sale&mode=init&sessid=42&version=2.10", ExchangeType.Sale, ExchangeMode.Init, null)]
    [InlineData("type=catalog&mode=file&filename=import_files%2F9d%2Fa.jpg", ExchangeType.Catalog, ExchangeMode.File, "import_files/9d/a.jpg")]
    [InlineData("mode=IMPORT&TYPE=Catalog&filename=import.xml&timestamp=1700000000", ExchangeType.Catalog, ExchangeMode.Import, "import.xml")]
    [InlineData("type=sale&mode=query", ExchangeType.Sale, ExchangeMode.Query, null)]
    [InlineData("type=sale&mode=success&sessid=1", ExchangeType.Sale, ExchangeMode.Success, null)]
    [InlineData("type=catalog&mode=deactivate&timestamp=1", ExchangeType.Catalog, ExchangeMode.Deactivate, null)]
    [InlineData("type=catalog&mode=complete", ExchangeType.Catalog, ExchangeMode.Complete, null)]
    [InlineData("type=sale&mode=info", ExchangeType.Sale, ExchangeMode.Info, null)]
    [InlineData("type=reference&mode=whatever", ExchangeType.Unknown, ExchangeMode.Unknown, null)]
    public void Requests_are_parsed_and_unknown_parameters_ignored(string query, ExchangeType type, ExchangeMode mode, string? fileName)
    {
        var request = ExchangeRequest.Parse(query);
        Assert.Equal((type, mode, fileName), (request.Type, request.Mode, request.FileName));
    }

    [Theory]
    [InlineData("import.xml", "import.xml")]
    [InlineData("import_files/9d/9da0_0e01.jpg", "import_files/9d/9da0_0e01.jpg")]
    [InlineData("import_files\\9d\\a.jpg", "import_files/9d/a.jpg")]
    [InlineData("offers___1af6e7b8-a026.xml", "offers___1af6e7b8-a026.xml")]
    [InlineData("../import.xml", null)]
    [InlineData("a/../../b.xml", null)]
    [InlineData("/etc/passwd", null)]
    [InlineData("C:\\Windows\\x.xml", null)]
    [InlineData("", null)]
    [InlineData("a\u0001.xml", null)]
    public void File_names_are_made_safe_or_refused(string name, string? safe)
    {
        Assert.Equal(safe is not null, ExchangeFileName.TryNormalize(name, out var normalized));
        if (safe is not null)
            Assert.Equal(safe, normalized);
        Assert.Equal(safe, ExchangeRequest.Parse("type=catalog&mode=file&filename=" + Uri.EscapeDataString(name)).SafeFileName);
    }

    [Fact]
    public async Task Chunks_cut_mid_character_are_reassembled_byte_identical()
    {
        var original = CommerceMLWriter.ToBytes([WriterTests.SampleOrder()], new CommerceMLWriterOptions { Encoding = CommerceMLWriterOptions.Windows1251 });
        using var folder = new TempFolder();
        var upload = new ChunkedUpload(folder.Path);
        string? path = null;
        for (var offset = 0; offset < original.Length; offset += 333)
            path = await upload.AppendAsync("orders-1.xml", new MemoryStream(original[offset..Math.Min(offset + 333, original.Length)]), TestContext.Current.CancellationToken);
        Assert.Equal(original, await File.ReadAllBytesAsync(path!, TestContext.Current.CancellationToken));
        Assert.Equal(original.Length, upload.TotalBytes);
        Assert.Equal(WriterTests.SampleOrder(), Samples.ReadFile(path!).OfType<Document>().Single());
    }

    [Fact]
    public async Task Init_reset_removes_earlier_uploads()
    {
        using var folder = new TempFolder();
        var upload = new ChunkedUpload(folder.Path);
        await upload.AppendAsync("import_files/a.jpg", new MemoryStream([1, 2]), TestContext.Current.CancellationToken);
        Assert.NotNull(upload.Find("import_files/a.jpg"));
        upload.Reset();
        Assert.Null(upload.Find("import_files/a.jpg"));
        Assert.Equal(0, upload.TotalBytes);
    }

    [Fact]
    public async Task Upload_refuses_unsafe_names_and_oversized_packages()
    {
        using var folder = new TempFolder();
        var upload = new ChunkedUpload(Path.Combine(folder.Path, "in"), maxTotalBytes: 10);
        await Assert.ThrowsAsync<ArgumentException>(() => upload.AppendAsync("../escape.xml", new MemoryStream([1]), TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(folder.Path, "escape.xml")));
        await Assert.ThrowsAsync<InvalidDataException>(() => upload.AppendAsync("big.xml", new MemoryStream(new byte[11]), TestContext.Current.CancellationToken));
    }
}
