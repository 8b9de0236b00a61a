using System.Globalization;

namespace Gydex.CommerceML.Synthetic;

/// <summary>
/// Writes realistic import.xml / offers.xml pairs of a wanted size, for load tests and benchmarks
/// (the shapes follow a 1C 2.07 export: groups, Справочник properties, Пересчет units, requisites, per-warehouse stock).
/// </summary>
public static class SyntheticExchange
{
    public const int GroupCount = 50;
    public const int PropertyCount = 10;

    public static readonly string[] PriceTypeIds = ["b7e1c2a0-0000-4000-8000-000000000001", "b7e1c2a0-0000-4000-8000-000000000002"];

    public static readonly string[] WarehouseIds = ["c1d2e3f4-0000-4000-8000-000000000001", "c1d2e3f4-0000-4000-8000-000000000002", "c1d2e3f4-0000-4000-8000-000000000003"];

    public static string ProductId(int index) => string.Create(CultureInfo.InvariantCulture, $"a0000000-0000-4000-8000-{index:D12}");

    /// <summary>Writes an import.xml of at least <paramref name="targetBytes"/>; returns how many products it holds.</summary>
    public static int WriteImport(Stream output, long targetBytes, CommerceMLWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var counting = new CountingStream(output);
        using var writer = new CommerceMLWriter(counting, options ?? new CommerceMLWriterOptions { SchemaVersion = "2.07", GeneratedAt = new DateTime(2024, 1, 1) }, leaveOpen: true);
        writer.Write(new ClassifierInfo { Id = "classifier-1", Name = "Классификатор (Основной каталог товаров)" });
        // Five root groups, each followed by its children: the writer wants parents first, depth first.
        for (var root = 0; root < 5; root++)
        {
            writer.Write(new Group { Id = GroupId(root), Name = "Группа " + root.ToString(CultureInfo.InvariantCulture) });
            for (var g = 5 + root; g < GroupCount; g += 5)
                writer.Write(new Group { Id = GroupId(g), ParentId = GroupId(root), Name = "Группа " + g.ToString(CultureInfo.InvariantCulture) });
        }
        for (var p = 0; p < PropertyCount; p++)
        {
            writer.Write(new Property
            {
                Id = PropertyId(p),
                Name = "Свойство " + p.ToString(CultureInfo.InvariantCulture),
                ValueType = p % 2 == 0 ? "Справочник" : "Строка",
                Options = p % 2 == 0 ? [new PropertyOption(PropertyId(p) + "-1", "Вариант 1"), new PropertyOption(PropertyId(p) + "-2", "Вариант 2")] : [],
            });
        }
        writer.Write(new CatalogInfo { Id = "catalog-1", ClassifierId = "classifier-1", Name = "Основной каталог товаров", OnlyChangesAttribute = false });
        var index = 0;
        while (counting.Written < targetBytes)
        {
            writer.Write(MakeProduct(index++));
        }
        writer.Complete();
        return index;
    }

    /// <summary>Writes the offers.xml for products 0…count-1: two prices and three stock rows each.</summary>
    public static void WriteOffers(Stream output, int productCount, CommerceMLWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new CommerceMLWriter(output, options ?? new CommerceMLWriterOptions { SchemaVersion = "2.07", GeneratedAt = new DateTime(2024, 1, 1) }, leaveOpen: true);
        writer.Write(new OfferPackageInfo { Id = "catalog-1#", Name = "Пакет предложений", CatalogId = "catalog-1", ClassifierId = "classifier-1", OnlyChangesAttribute = false });
        writer.Write(new PriceType { Id = PriceTypeIds[0], Name = "Розничная", Currency = "руб", Tax = new Tax { Name = "НДС", IncludedInSum = true } });
        writer.Write(new PriceType { Id = PriceTypeIds[1], Name = "Оптовая", Currency = "RUB" });
        for (var w = 0; w < WarehouseIds.Length; w++)
            writer.Write(new Warehouse { Id = WarehouseIds[w], Name = "Склад " + w.ToString(CultureInfo.InvariantCulture) });
        for (var i = 0; i < productCount; i++)
            writer.Write(MakeOffer(i));
        writer.Complete();
    }

    /// <summary>The price the generator gives product <paramref name="index"/> for the first price type.</summary>
    public static decimal RetailPrice(int index) => 100m + (index % 1000) + 0.5m;

    private static string GroupId(int g) => string.Create(CultureInfo.InvariantCulture, $"90000000-0000-4000-8000-{g:D12}");

    private static string PropertyId(int p) => string.Create(CultureInfo.InvariantCulture, $"80000000-0000-4000-8000-{p:D12}");

    private static Product MakeProduct(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        return new Product
        {
            Id = ProductId(i),
            Article = "ART-" + n,
            Barcode = (4600000000000L + i).ToString(CultureInfo.InvariantCulture),
            Name = "Товар номер " + n + " «Коврик для дома»",
            BaseUnit = new BaseUnit { Code = "796", FullName = "Штука", InternationalAbbreviation = "PCE", Conversions = [new UnitConversion("796", 1)] },
            GroupIds = [GroupId(i % GroupCount)],
            Description = "Описание товара " + n + ": материал PVC, размер 60×90 см, подходит для прихожей и ванной.",
            PropertyValues =
            [
                new PropertyValue(PropertyId(0), null, [PropertyId(0) + "-" + ((i % 2) + 1).ToString(CultureInfo.InvariantCulture)]),
                new PropertyValue(PropertyId(1), null, ["Значение " + n]),
                new PropertyValue(PropertyId(3), null, ["1,4"]),
            ],
            TaxRates = [new TaxRate("НДС", "20")],
            Requisites =
            [
                new Requisite("ВидНоменклатуры", "Товар"),
                new Requisite("ТипНоменклатуры", "Запас"),
                new Requisite("Полное наименование", "Товар номер " + n),
            ],
        };
    }

    private static Offer MakeOffer(int i) => new()
    {
        Id = ProductId(i),
        Article = "ART-" + i.ToString(CultureInfo.InvariantCulture),
        Name = "Товар номер " + i.ToString(CultureInfo.InvariantCulture),
        BaseUnit = new BaseUnit { Code = "796", FullName = "Штука", InternationalAbbreviation = "PCE" },
        Prices =
        [
            new Price { Presentation = "руб. за шт", PriceTypeId = PriceTypeIds[0], PricePerUnit = RetailPrice(i), Currency = "руб", Unit = "шт", Coefficient = 1 },
            new Price { Presentation = "руб. за шт", PriceTypeId = PriceTypeIds[1], PricePerUnit = RetailPrice(i) * 0.8m, Currency = "RUB", Unit = "шт", Coefficient = 1 },
        ],
        Quantity = i % 17,
        Stocks = [new Stock(WarehouseIds[0], i % 7), new Stock(WarehouseIds[1], i % 5), new Stock(WarehouseIds[2], (i % 17) - (i % 7) - (i % 5))],
    };

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }
    }
}
