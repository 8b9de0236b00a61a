using Gydex.CommerceML.Inspection;

namespace Gydex.CommerceML.Tests;

/// <summary>Every real 1C sample is read without error, and each shows the content it really has.</summary>
public class ConformanceTests
{
    private static CommerceMLStatistics Stats(IEnumerable<CommerceMLItem> items)
    {
        var statistics = new CommerceMLStatistics();
        foreach (var item in items)
            statistics.Add(item);
        return statistics;
    }

    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Sample_is_read_to_the_end_without_problems(string name)
    {
        using var reader = CommerceMLReader.OpenFile(Samples.PathOf(name));
        var items = reader.ReadItems().ToList();
        Assert.True(reader.IsComplete);
        Assert.Empty(reader.Problems);
        Assert.IsType<CommerceMLHeader>(items[0]);
    }

    [Fact]
    public void Official_203_order_in_windows1251_has_its_person_buyer_and_lines()
    {
        var items = Samples.Read("carono-yii2-1c-exchange--to.xml");
        var header = Assert.IsType<CommerceMLHeader>(items[0]);
        Assert.Equal(("2.03", "windows-1251", ""), (header.SchemaVersion, header.Encoding, header.Namespace));
        Assert.Equal(new DateTime(2008, 3, 28), header.GeneratedAt);
        var document = Assert.Single(items.OfType<Document>());
        Assert.Equal("20", document.Number);
        Assert.Equal(9683.42m, document.Sum);
        Assert.Equal(new DateOnly(2007, 10, 16), document.Date);
        Assert.Equal(new TimeOnly(15, 40, 40), document.Time);
        Assert.Equal(DocumentOperation.GoodsOrder, document.OperationKind);
        var buyer = Assert.Single(document.Counterparties);
        Assert.Equal("1#admin#Петров Петр", buyer.Id);
        Assert.True(buyer.IsPerson);
        Assert.Equal(("Петров", "Петр"), (buyer.Surname, buyer.FirstName));
        Assert.Equal("6546", buyer.RegistrationAddress!.Fields.Single(f => f.Type == "Почтовый индекс").Value);
        Assert.Equal(new Representative("Контактное лицо", "ab7399a8aa62c20e0e9f3ea53c6dac81", "Петр Петров"), Assert.Single(buyer.Representatives));
        Assert.Equal(2, document.Lines.Count);
        Assert.Equal("ORDER_DELIVERY", document.Lines[0].Id);
        Assert.Equal(348.00m, document.Lines[0].PricePerUnit);
        Assert.Equal("шт", document.Lines[0].BaseUnit!.Text);
        Assert.Equal("Комбайн MOULINEX A77 4C", document.Lines[1].Name);
        Assert.Equal("[F] Доставлен", document.RequisiteValue("Статус заказа"));
    }

    [Fact]
    public void Official_204_catalog_has_variant_products_with_characteristics()
    {
        var items = Samples.Read("irpsv-commerceml.off-doc-1c--import.xml");
        var stats = Stats(items);
        Assert.Equal((1, 4, 0), (stats.Groups, stats.Products, stats.Offers));
        var classifier = Assert.Single(items.OfType<ClassifierInfo>());
        Assert.True(classifier.Owner!.IsLegalEntity);
        Assert.Equal(6, classifier.Owner.LegalAddress!.Fields.Count);
        var table = items.OfType<Product>().First();
        Assert.Equal("Стол обеденный", table.Name);
        Assert.Equal("05e26d70-01e4-11dc-a411-00055d80a2d1", table.ProductId);
        Assert.Equal("05e26d76-01e4-11dc-a411-00055d80a2d1", table.CharacteristicId);
        Assert.NotEmpty(table.Characteristics);
        Assert.Single(table.Images);
    }

    [Fact]
    public void CsCart_204_catalog_with_BOM_and_one_digit_hour_has_nested_groups()
    {
        var items = Samples.Read("irpsv-commerceml.cs-cart--import.xml");
        var header = (CommerceMLHeader)items[0];
        Assert.True(header.HasByteOrderMark);
        Assert.Equal(new DateTime(2014, 6, 1, 0, 36, 33), header.GeneratedAt);
        var stats = Stats(items);
        Assert.Equal((4, 1, 27), (stats.Groups, stats.Properties, stats.Products));
        var groups = items.OfType<Group>().ToList();
        Assert.Equal("Обувь", groups[0].Name);
        Assert.Null(groups[0].ParentId);
        Assert.All(groups.Skip(1), g => Assert.Equal(groups[0].Id, g.ParentId));
        var boots = items.OfType<Product>().First();
        Assert.Equal(("Женские ботфорты", "Б-130001"), (boots.Name, boots.Article));
        // ПолноеНаименование is not a Товар field of the XSD: kept as an extra, not lost.
        Assert.Contains(boots.Extras, e => e.Name == "ПолноеНаименование");
    }

    [Fact]
    public void ReadyScript_205_offers_are_changes_only_with_rouble_prices()
    {
        var items = Samples.Read("irpsv-commerceml.ready-script--offers.xml");
        var package = Assert.Single(items.OfType<OfferPackageInfo>());
        Assert.True(package.ContainsOnlyChanges);
        var offers = items.OfType<Offer>().ToList();
        Assert.Equal(2, offers.Count);
        Assert.Equal(12356.00m, offers[0].Prices.Single().PricePerUnit);
        Assert.Equal("руб", offers[0].Prices.Single().Currency);
        Assert.Equal("RUB", offers[0].Prices.Single().CurrencyCode);
        Assert.Equal("RUB", items.OfType<PriceType>().Single().CurrencyCode);
        Assert.Equal("fd3fdddb-9964-11e3-9e81-00241d337dcd", offers[1].CharacteristicId);
        Assert.Equal(9m, offers[1].Quantity);
        Assert.Equal(["Размер", "Цвет"], offers[1].Characteristics.Select(c => c.Name));
    }

    [Fact]
    public void Bitrix_205_query_answer_in_windows1251_has_two_orders_with_4_decimal_sums()
    {
        var items = Samples.Read("dobromyslov-commerceml-parser--bitrix-query-response-full.xml");
        var header = (CommerceMLHeader)items[0];
        Assert.Equal("windows-1251", header.Encoding);
        Assert.Contains(header.Extras, e => e.Name == "@ФорматДаты");
        var documents = items.OfType<Document>().ToList();
        Assert.Equal(["132", "133"], documents.Select(d => d.Number));
        Assert.Equal(231.74m, documents[0].Sum);
        Assert.Equal(14380.58m, documents[1].Sum);
        Assert.Equal("RUB", documents[0].CurrencyCode);
        Assert.Equal(7, documents[1].Lines.Count);
        Assert.Equal(2m, documents[1].Lines[1].Quantity);
    }

    [Fact]
    public void Dobromyslov_207_catalog_has_a_deleted_product_and_comma_decimals()
    {
        var items = Samples.Read("dobromyslov-commerceml-parser--import0_1.xml");
        var stats = Stats(items);
        Assert.Equal((1, 12, 36, 1), (stats.Groups, stats.Properties, stats.Products, stats.DeletedProducts));
        Assert.Equal("urn:1C.ru:commerceml_2", ((CommerceMLHeader)items[0]).Namespace);
        Assert.False(items.OfType<CatalogInfo>().Single().ContainsOnlyChanges);
        var deleted = items.OfType<Product>().Single(p => p.IsDeleted);
        Assert.Equal("b631c9c1-49de-11e9-80c9-0cc47ab29cd1", deleted.Id);
        var first = items.OfType<Product>().First();
        Assert.Equal("Портативный коврик Portable 140x200x1 см, Деревянные лошадки", first.Name);
        Assert.Equal("796 ", first.BaseUnit!.Code);
        Assert.Equal(1m, first.BaseUnit.Conversions.Single().Factor);
        Assert.Equal(7, items.OfType<Property>().Single(p => p.Name == "Линейка").Options.Count);
        Assert.Contains(items.OfType<Product>().SelectMany(p => p.PropertyValues), v => v.Value == "1,4");
        Assert.True(CommerceMLValues.TryParseDecimal("1,4", out var weight) && weight == 1.4m);
    }

    [Fact]
    public void Dobromyslov_207_offers_have_stock_per_warehouse_from_attributes()
    {
        var items = Samples.Read("dobromyslov-commerceml-parser--offers0_1.xml");
        var stats = Stats(items);
        Assert.Equal((44, 44, 132, 3, 1), (stats.Offers, stats.Prices, stats.StockRows, stats.Warehouses, stats.PriceTypes));
        var offer = items.OfType<Offer>().First();
        Assert.Equal(100m, offer.Prices.Single().PricePerUnit);
        Assert.Equal(377m, offer.Quantity);
        Assert.Equal(new Stock("dd306af1-19c9-11e7-80c2-0cc47ab29cd1", 376m), offer.Stocks[2]);
        Assert.Equal(377m, offer.Stocks.Sum(s => s.Quantity));
    }

    [Fact]
    public void Bigperson_208_offers_in_the_210_namespace_have_three_price_types()
    {
        var items = Samples.Read("bigperson-exchange1c--offers.xml");
        var header = (CommerceMLHeader)items[0];
        Assert.Equal(("2.08", "urn:1C.ru:commerceml_210"), (header.SchemaVersion, header.Namespace));
        var stats = Stats(items);
        Assert.Equal((3, 2, 6, 1), (stats.PriceTypes, stats.Offers, stats.Prices, stats.Properties));
        var offer = items.OfType<Offer>().First();
        Assert.Equal("Test offer 1", offer.Name);
        Assert.Equal(10500m, offer.Prices[0].PricePerUnit);
        Assert.Equal("8a4e5ea9-d129-11e8-8112-0050569b2b72", offer.CharacteristicId);
        Assert.Equal(2m, offer.Quantity);
    }

    [Fact]
    public void Dicr_208_order_reads_the_empty_date_as_none_and_one_digit_hour_requisites()
    {
        var items = Samples.Read("dicrtarasov-yii2-exchange1c--orders.xml");
        var document = Assert.Single(items.OfType<Document>());
        Assert.Equal("13838", document.Number);
        Assert.Equal(1515m, document.Sum);
        Assert.Equal("руб", document.Currency);
        Assert.Equal("RUB", document.CurrencyCode);
        Assert.Null(document.PaymentDue); // <СрокПлатежа>0001-01-01</СрокПлатежа>
        Assert.Equal(2, document.Lines.Count);
        Assert.Equal(370m, document.Lines[1].PricePerUnit);
        Assert.Equal("шт", document.Lines[1].Unit!.Text);
        Assert.Equal("СА-013838", document.RequisiteValue("Номер по 1С"));
        Assert.True(CommerceMLValues.TryParseDateTime(document.RequisiteValue("Дата оплаты по 1С"), out var paid));
        Assert.Equal(new DateTime(2021, 2, 18, 9, 49, 2), paid);
        Assert.False(document.IsDeleted);
    }

    [Fact]
    public void ArgentCrusade_209_orders_have_legal_buyer_bank_accounts_taxes_and_1C_numbers()
    {
        var items = Samples.Read("argentcrusade-commerceml--documents-example.xml");
        var documents = items.OfType<Document>().ToList();
        Assert.Equal(["142", "235"], documents.Select(d => d.Number));
        var order = documents[0];
        Assert.Equal(8186.84m, order.Sum);
        Assert.Equal("ТДЦУ-000001", order.Number1C);
        Assert.Equal(1248.84m, order.Taxes.Single().Sum);
        Assert.False(order.Taxes.Single().IncludedInSum);
        var buyer = order.Counterparties.Single();
        Assert.True(buyer.IsLegalEntity);
        Assert.Equal("Kikinda (Сербия)", buyer.OfficialName);
        Assert.Equal(["044525222", "044579555"], buyer.BankAccounts.Select(a => a.Bank!.Bic));
        Assert.Equal("Центральный склад", order.Warehouses.Single().Name);
        var boots = order.Lines[1];
        Assert.Equal("b02e2814-720f-11df-b436-0015e92f2802", boots.CharacteristicId);
        Assert.Equal(3600m, boots.PricePerUnit); // written as <Цена>
        Assert.Equal("пар", boots.Unit!.ShortName);
        Assert.Equal(648m, boots.Taxes.Single().Sum);
        Assert.Equal("P", order.RequisiteValue("Статуса заказа ИД"));
    }

    [Fact]
    public void Gillbeits_209_rests_package_reads_the_non_standard_Остатки()
    {
        var items = Samples.Read("gillbeits-commerceml--rests___1af6e7b8-a026-4690-9752-1c9d64cb914d.xml");
        var offers = items.OfType<Offer>().ToList();
        Assert.Equal(978, offers.Count);
        Assert.All(offers, o => Assert.Single(o.Stocks));
        Assert.Equal(new Stock("5d1caeb1-44b2-11e4-a628-003048c64779", 1m), offers[0].Stocks[0]);
        Assert.Equal(226, offers.Count(o => o.TotalQuantity != 0));
        Assert.True(items.OfType<OfferPackageInfo>().Single().ContainsOnlyChanges);
    }
}
