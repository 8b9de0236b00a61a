using System.Globalization;
using System.Text;

namespace Gydex.CommerceML.Tests;

public class WriterTests
{
    internal static Document SampleOrder() => new()
    {
        Id = "ord-42",
        Number = "42",
        Date = new DateOnly(2024, 5, 1),
        Time = new TimeOnly(14, 30, 5),
        Operation = CommerceMLValues.OperationName(DocumentOperation.GoodsOrder),
        Role = "Продавец",
        Currency = "RUB",
        Rate = 1,
        Sum = 1234.56m,
        Comment = "Позвонить за час; доставка 405 ₽",
        Counterparties =
        [
            new Counterparty
            {
                Id = "client-7", Name = "ООО «Ромашка»", Role = "Покупатель", OfficialName = "Общество с ограниченной ответственностью «Ромашка»",
                Inn = "7701234567", Kpp = "770101001",
                LegalAddress = new Address { Presentation = "101000, Москва, ул. Мясницкая, 1", Fields = [new AddressField("Почтовый индекс", "101000"), new AddressField("Город", "Москва")] },
                Contacts = [new Contact("Почта", "buh@romashka.ru", null), new Contact("Телефон рабочий", "+7 495 000-00-00", null)],
                Representatives = [new Representative("Контактное лицо", "p-1", "Иванова Анна")],
            },
        ],
        Taxes = [new Tax { Name = "НДС", IncludedInSum = true, Sum = 205.76m }],
        Lines =
        [
            new DocumentLine
            {
                Id = "prod-1#size-42", Name = "Ботинки (42)", Article = "B-42", BaseUnit = new BaseUnit { Code = "796", FullName = "Штука", InternationalAbbreviation = "PCE", Text = "шт" },
                PricePerUnit = 414.78m, Quantity = 2, Sum = 829.56m, TaxRates = [new TaxRate("НДС", "20")],
                Taxes = [new Tax { Name = "НДС", IncludedInSum = true, Sum = 138.26m, Rate = "20" }],
                Discounts = [new Discount { Name = "Скидка постоянного клиента", Sum = 20m, IncludedInSum = true }],
                Requisites = [new Requisite("ВидНоменклатуры", "Товар"), new Requisite("ТипНоменклатуры", "Товар")],
            },
            new DocumentLine
            {
                Id = "ORDER_DELIVERY", Name = "Доставка заказа", PricePerUnit = 405m, Quantity = 1, Sum = 405m,
                Requisites = [new Requisite("ВидНоменклатуры", "Услуга"), new Requisite("ТипНоменклатуры", "Услуга")],
            },
        ],
        Requisites =
        [
            OrderRequisites.StatusOf("N", "Принят"),
            OrderRequisites.Text(OrderRequisites.StatusId, "N"),
            OrderRequisites.Flag(OrderRequisites.Paid, true),
            OrderRequisites.Date(OrderRequisites.PaymentDate, new DateTime(2024, 5, 1, 14, 35, 0)),
            OrderRequisites.Text(OrderRequisites.PaymentMethod, "Банковская карта"),
            OrderRequisites.Flag(OrderRequisites.DeliveryAllowed, true),
            OrderRequisites.Text(OrderRequisites.DeliveryMethod, "Курьер"),
            OrderRequisites.Flag(OrderRequisites.Cancelled, false),
        ],
    };

    public static TheoryData<string, string> VersionsAndEncodings => new()
    {
        { "2.05", "utf-8" }, { "2.05", "windows-1251" }, { "2.08", "utf-8" }, { "2.08", "windows-1251" }, { "2.10", "utf-8" }, { "2.10", "windows-1251" },
    };

    [Theory]
    [MemberData(nameof(VersionsAndEncodings))]
    public void Order_is_written_in_the_chosen_version_and_encoding_with_a_matching_declaration(string version, string encodingName)
    {
        var encoding = encodingName == "utf-8" ? CommerceMLWriterOptions.Utf8 : CommerceMLWriterOptions.Windows1251;
        var order = SampleOrder();
        var bytes = CommerceMLWriter.ToBytes([order], new CommerceMLWriterOptions { SchemaVersion = version, Encoding = encoding, GeneratedAt = new DateTime(2024, 5, 1, 15, 0, 0) });
        var text = encoding.GetString(bytes);
        Assert.StartsWith($"<?xml version=\"1.0\" encoding=\"{encodingName}\"?>", text, StringComparison.Ordinal);
        Assert.Contains($"ВерсияСхемы=\"{version}\"", text, StringComparison.Ordinal);
        Assert.Contains("ДатаФормирования=\"2024-05-01T15:00:00\"", text, StringComparison.Ordinal);
        Assert.Equal(version == "2.05", !text.Contains("xmlns=", StringComparison.Ordinal));
        if (encodingName == "windows-1251")
        {
            Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really cp1251 bytes
            Assert.Contains("&#x20BD;", text, StringComparison.Ordinal);                                    // ₽ has no cp1251 byte
        }
        var read = Xml.ReadBytes(bytes);
        Assert.Equal(version, ((CommerceMLHeader)read[0]).SchemaVersion);
        Assert.Equal(order, read.OfType<Document>().Single());
    }

    [Fact]
    public void Order_requisites_status_payment_and_shipment_are_written_as_1C_reads_them()
    {
        var text = Encoding.UTF8.GetString(CommerceMLWriter.ToBytes([SampleOrder()]));
        Assert.Contains("<Наименование>Статус заказа</Наименование>\n\t\t\t\t<Значение>[N] Принят</Значение>", text, StringComparison.Ordinal);
        Assert.Contains("<Значение>2024-05-01 14:35:00</Значение>", text, StringComparison.Ordinal);
        Assert.Contains("<ХозОперация>Заказ товара</ХозОперация>", text, StringComparison.Ordinal);
        Assert.Contains("<ИНН>7701234567</ИНН>", text, StringComparison.Ordinal);
        Assert.Contains("<Дата>2024-05-01</Дата>", text, StringComparison.Ordinal);
        Assert.Contains("<Время>14:30:05</Время>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_and_dates_are_invariant_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
            var text = Encoding.UTF8.GetString(CommerceMLWriter.ToBytes([SampleOrder()]));
            Assert.Contains("<Сумма>1234.56</Сумма>", text, StringComparison.Ordinal);
            Assert.Contains("<ЦенаЗаЕдиницу>414.78</ЦенаЗаЕдиницу>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1234,56", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Empty_query_answer_is_a_root_without_documents()
    {
        var bytes = CommerceMLWriter.ToBytes([], new CommerceMLWriterOptions { SchemaVersion = "2.05" });
        var items = Xml.ReadBytes(bytes);
        Assert.IsType<CommerceMLHeader>(Assert.Single(items));
    }

    [Fact]
    public void Payments_are_refused_outside_209()
    {
        var order = SampleOrder() with { Payments = [new Payment { Sum = 1, DocumentNumber = "1" }] };
        var e = Assert.Throws<InvalidOperationException>(() => CommerceMLWriter.ToBytes([order], new CommerceMLWriterOptions { SchemaVersion = "2.10" }));
        Assert.Contains("2.09", e.Message, StringComparison.Ordinal);
        var read = Xml.ReadBytes(CommerceMLWriter.ToBytes([order], new CommerceMLWriterOptions { SchemaVersion = "2.09" }));
        Assert.Equal(order, read.OfType<Document>().Single());
    }

    [Fact]
    public void Subordinate_documents_need_210()
    {
        var order = SampleOrder() with { SubordinateDocuments = [new Document { Id = "pay-1", Operation = "Выплата безналичных денег", Sum = 1234.56m }] };
        Assert.Throws<InvalidOperationException>(() => CommerceMLWriter.ToBytes([order], new CommerceMLWriterOptions { SchemaVersion = "2.08" }));
        var read = Xml.ReadBytes(CommerceMLWriter.ToBytes([order], new CommerceMLWriterOptions { SchemaVersion = "2.10" }));
        Assert.Equal(order, read.OfType<Document>().Single());
    }

    [Fact]
    public void Catalog_and_offers_are_written_in_their_containers()
    {
        CommerceMLItem[] items =
        [
            new ClassifierInfo { Id = "k", Name = "Классификатор" },
            new Group { Id = "g1", Name = "Обувь" },
            new Group { Id = "g2", Name = "Женская", ParentId = "g1" },
            new Group { Id = "g3", Name = "Сумки" },
            new Property { Id = "p", Name = "Цвет", ValueType = "Справочник", Options = [new PropertyOption("red", "Красный")] },
            new CatalogInfo { Id = "c", ClassifierId = "k", OnlyChangesAttribute = false },
            new Product { Id = "x", Name = "Туфли", GroupIds = ["g2"], Status = "Новый" },
            new OfferPackageInfo { Id = "c#", CatalogId = "c" },
            new PriceType { Id = "t", Name = "Розничная", Currency = "RUB" },
            new Offer { Id = "x", Prices = [new Price { PriceTypeId = "t", PricePerUnit = 10.5m }], Stocks = [new Stock("w", 3)] },
        ];
        var bytes = CommerceMLWriter.ToBytes(items);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("<Склад ИдСклада=\"w\" КоличествоНаСкладе=\"3\" />", text, StringComparison.Ordinal);
        Assert.Contains("<Каталог СодержитТолькоИзменения=\"false\">", text, StringComparison.Ordinal);
        Assert.Equal(items, Xml.ReadBytes(bytes).Skip(1));
    }

    [Fact]
    public void Writer_disposed_without_Complete_leaves_an_incomplete_file()
    {
        using var output = new MemoryStream();
        using (var writer = new CommerceMLWriter(output, leaveOpen: true))
        {
            writer.Write(SampleOrder());
            writer.Write(SampleOrder() with { Id = "ord-43" });
        }
        Assert.DoesNotContain("</КоммерческаяИнформация>", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
        Xml.RefusedBytes(output.ToArray());
    }

    [Fact]
    public void Groups_not_written_parents_first_are_refused()
    {
        using var writer = new CommerceMLWriter(new MemoryStream());
        writer.Write(new Group { Id = "a" });
        writer.Write(new Group { Id = "b" });
        Assert.Throws<InvalidOperationException>(() => writer.Write(new Group { Id = "c", ParentId = "a" }));
    }
}
