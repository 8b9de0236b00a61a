using Gydex.CommerceML.Inspection;
using Gydex.CommerceML.Synthetic;

namespace Gydex.CommerceML.Tests;

/// <summary>Generated files of tens of megabytes, written to a temp folder and deleted.</summary>
public class LargeFileTests
{
    [Fact]
    public void Generated_30MB_import_and_offers_are_read_in_constant_memory()
    {
        using var folder = new TempFolder();
        var importPath = Path.Combine(folder.Path, "import.xml");
        var offersPath = Path.Combine(folder.Path, "offers.xml");
        int products;
        using (var file = File.Create(importPath))
            products = SyntheticExchange.WriteImport(file, 30L * 1024 * 1024);
        using (var file = File.Create(offersPath))
            SyntheticExchange.WriteOffers(file, products);
        Assert.True(new FileInfo(importPath).Length >= 30L * 1024 * 1024);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakRetained = 0;
        var count = 0;
        var statistics = new CommerceMLStatistics();
        Product? last = null;
        using (var reader = CommerceMLReader.OpenFile(importPath))
        {
            foreach (var item in reader.ReadItems())
            {
                statistics.Add(item);
                if (item is Product product)
                    last = product;
                if (++count % 5_000 == 0)
                    peakRetained = Math.Max(peakRetained, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
            Assert.True(reader.IsComplete);
        }
        Assert.Equal(products, statistics.Products);
        Assert.Equal(SyntheticExchange.GroupCount, statistics.Groups);
        Assert.Equal(SyntheticExchange.ProductId(products - 1), last!.Id);
        // Nothing accumulates while reading: what stays alive is the reader's buffers, not the file.
        Assert.True(peakRetained < 8 * 1024 * 1024, $"retained {peakRetained} bytes while reading a 30 MB file");

        var offers = new CommerceMLStatistics();
        Offer? firstOffer = null;
        using (var reader = CommerceMLReader.OpenFile(offersPath))
        {
            foreach (var item in reader.ReadItems())
            {
                offers.Add(item);
                firstOffer ??= item as Offer;
            }
        }
        Assert.Equal((products, products * 2, products * 3), (offers.Offers, offers.Prices, offers.StockRows));
        Assert.Equal(SyntheticExchange.RetailPrice(0), firstOffer!.Prices[0].PricePerUnit);
    }

    [Fact]
    public void Generated_windows1251_catalog_is_read_back()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "import.xml");
        int products;
        using (var file = File.Create(path))
            products = SyntheticExchange.WriteImport(file, 3L * 1024 * 1024, new CommerceMLWriterOptions { SchemaVersion = "2.05", Encoding = CommerceMLWriterOptions.Windows1251 });
        var items = Samples.ReadFile(path);
        Assert.Equal("windows-1251", ((CommerceMLHeader)items[0]).Encoding);
        Assert.Equal(products, items.OfType<Product>().Count());
        Assert.Equal("Товар номер 7 «Коврик для дома»", items.OfType<Product>().ElementAt(7).Name);
    }
}
