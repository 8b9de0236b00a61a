using Gydex.CommerceML.Exchange;
using Gydex.CommerceML.Exchange.Emulator;
using Gydex.CommerceML.Synthetic;

namespace Gydex.CommerceML.Tests;

public class EmulatorTests
{
    private static (ExchangeFile Import, ExchangeFile Offers, int Products) Package(long importBytes)
    {
        using var import = new MemoryStream();
        var products = SyntheticExchange.WriteImport(import, importBytes);
        using var offers = new MemoryStream();
        SyntheticExchange.WriteOffers(offers, products);
        return (new ExchangeFile("import.xml", import.ToArray()), new ExchangeFile("offers.xml", offers.ToArray()), products);
    }

    [Fact]
    public async Task Catalog_session_uploads_in_chunks_and_loops_through_progress_until_success()
    {
        var (import, offers, products) = Package(60_000);
        await using var site = new FakeExchangeSite(zip: false, fileLimit: 4000, progressSteps: 3);
        using var http = FakeExchangeSite.Client();
        var emulator = new OneCExchangeEmulator(http, site.Endpoint, "1c", "secret");

        var result = await emulator.RunCatalogSessionAsync([import, offers, new ExchangeFile("import_files/ab/photo.jpg", [1, 2, 3])], TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(import.Content, await File.ReadAllBytesAsync(site.Upload.Find("import.xml")!, TestContext.Current.CancellationToken));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(site.Upload.Find("import_files/ab/photo.jpg")!, TestContext.Current.CancellationToken));
        Assert.All(site.ChunkSizes, size => Assert.True(size <= 4000));
        var expectedChunks = (int)Math.Ceiling(import.Content.Length / 4000.0) + (int)Math.Ceiling(offers.Content.Length / 4000.0) + 1;
        Assert.Equal(expectedChunks, site.ChunkSizes.Count);
        Assert.Equal(6, result.Steps.Count(s => s.Response.Status == ExchangeStatus.Progress)); // 3 per XML file
        Assert.Equal(products, site.Imported["import.xml"].OfType<Product>().Count());
        Assert.Equal(products, site.Imported["offers.xml"].OfType<Offer>().Count());
        Assert.Equal(["Catalog/CheckAuth", "Catalog/Init"], site.Calls.Take(2));
        // Bitrix-style 4th checkauth line is appended to every later URL; the site ignores it.
        Assert.All(result.Steps.Skip(1), s => Assert.Contains("sessid=abc", s.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Catalog_session_zips_the_package_when_the_site_asks()
    {
        var (import, offers, products) = Package(20_000);
        await using var site = new FakeExchangeSite(zip: true, fileLimit: 1500, progressSteps: 1);
        using var http = FakeExchangeSite.Client();
        var result = await new OneCExchangeEmulator(http, site.Endpoint, "1c", "secret").RunCatalogSessionAsync([import, offers], TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Contains(result.Steps, s => s.Query.Contains("filename=v8_exchange.zip", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Steps, s => s.Query.Contains("mode=file&filename=import.xml", StringComparison.Ordinal));
        Assert.True(site.ChunkSizes.Count > 1);
        Assert.Equal(import.Content, await File.ReadAllBytesAsync(site.Upload.Find("import.xml")!, TestContext.Current.CancellationToken));
        Assert.Equal(products, site.Imported["offers.xml"].OfType<Offer>().Count());
    }

    [Fact]
    public async Task Sale_session_receives_orders_confirms_them_and_uploads_changes_from_1C()
    {
        var orders = CommerceMLWriter.ToBytes([WriterTests.SampleOrder(), WriterTests.SampleOrder() with { Id = "ord-43", Number = "43" }],
            new CommerceMLWriterOptions { SchemaVersion = "2.05", Encoding = CommerceMLWriterOptions.Windows1251 });
        var changed = CommerceMLWriter.ToBytes([WriterTests.SampleOrder() with { Requisites = [OrderRequisites.Text(OrderRequisites.Number1C, "СА-000042"), OrderRequisites.Flag(OrderRequisites.Shipped, true)] }],
            new CommerceMLWriterOptions { SchemaVersion = "2.08" });
        await using var site = new FakeExchangeSite(zip: false, fileLimit: 1000, progressSteps: 1, ordersForQuery: orders);
        using var http = FakeExchangeSite.Client();
        var emulator = new OneCExchangeEmulator(http, site.Endpoint, "1c", "secret", new OneCExchangeEmulatorOptions { ExtraQuery = "version=2.08" });

        var result = await emulator.RunSaleSessionAsync([new ExchangeFile("orders-42a0dc7a.xml", changed)], importAfterUpload: true, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(["42", "43"], result.ReceivedOrders.Select(d => d.Number));
        Assert.Equal(orders, result.QueryBody);
        Assert.True(site.QueryConfirmed);
        Assert.Equal(["Sale/CheckAuth", "Sale/Init", "Sale/Query", "Sale/Success", "Sale/File"], site.Calls.Take(5));
        var imported = site.Imported["orders-42a0dc7a.xml"].OfType<Document>().Single();
        Assert.Equal("СА-000042", imported.RequisiteValue(OrderRequisites.Number1C));
    }

    [Fact]
    public async Task Session_fails_clearly_when_checkauth_is_refused()
    {
        await using var site = new FakeExchangeSite(zip: false, fileLimit: 1000);
        using var http = FakeExchangeSite.Client();
        var result = await new OneCExchangeEmulator(http, site.Endpoint, "1c", "wrong").RunCatalogSessionAsync([new ExchangeFile("import.xml", [])], TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Contains("HTTP 401", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("wrong login or password", result.FailureMessage, StringComparison.Ordinal);
        Assert.Single(site.Calls);
    }

    [Fact]
    public async Task Import_failure_of_a_broken_file_is_reported()
    {
        await using var site = new FakeExchangeSite(zip: false, fileLimit: 100_000, progressSteps: 0);
        using var http = FakeExchangeSite.Client();
        var broken = new ExchangeFile("import.xml", "<КоммерческаяИнформация ВерсияСхемы=\"2.07\"><Каталог>"u8.ToArray());
        var result = await new OneCExchangeEmulator(http, site.Endpoint, "1c", "secret").RunCatalogSessionAsync([broken], TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Contains("import of import.xml failed", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(ExchangeStatus.Failure, result.Steps[^1].Response.Status);
    }
}
