using System.Text;

namespace Gydex.CommerceML.Tests;

/// <summary>Own fixtures for every tolerance real files demand.</summary>
public class EdgeCaseTests
{
    private const string Catalog = "<Каталог><Ид>c</Ид><Товары><Товар><Ид>p1</Ид><Наименование>Стол</Наименование></Товар></Товары></Каталог>";

    [Fact]
    public void Windows1251_file_is_decoded()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><КоммерческаяИнформация ВерсияСхемы=\"2.03\" ДатаФормирования=\"2008-03-28\">" + Catalog + "</КоммерческаяИнформация>";
        var bytes = Encoding.GetEncoding(1251).GetBytes(xml);
        Assert.DoesNotContain((byte)0xD0, bytes); // really single-byte Cyrillic, not UTF-8
        var items = Xml.ReadBytes(bytes);
        Assert.Equal("windows-1251", ((CommerceMLHeader)items[0]).Encoding);
        Assert.Equal("Стол", items.OfType<Product>().Single().Name);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf8_file_is_read_with_or_without_BOM(bool bom)
    {
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(Xml.Root(Catalog))).ToArray();
        var items = Xml.ReadBytes(bytes);
        var header = (CommerceMLHeader)items[0];
        Assert.Equal(bom, header.HasByteOrderMark);
        Assert.Equal("Стол", items.OfType<Product>().Single().Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("urn:1C.ru:commerceml_2")]
    [InlineData("urn:1C.ru:commerceml_210")]
    [InlineData("http://example.com/anything")]
    public void Any_namespace_or_none_is_read_by_local_names(string? ns)
    {
        var items = Xml.Read(Xml.Root(Catalog, "2.08", ns));
        Assert.Equal(ns ?? "", ((CommerceMLHeader)items[0]).Namespace);
        Assert.Equal("p1", items.OfType<Product>().Single().Id);
    }

    [Fact]
    public void Prefixed_namespace_is_read_by_local_names()
    {
        var xml = "<c:КоммерческаяИнформация xmlns:c=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.09\" ДатаФормирования=\"2015-01-01T00:00:00\"><c:Каталог><c:Товары><c:Товар><c:Ид>p1</c:Ид></c:Товар></c:Товары></c:Каталог></c:КоммерческаяИнформация>";
        Assert.Equal("p1", Xml.Read(xml).OfType<Product>().Single().Id);
    }

    [Fact]
    public void Children_in_any_order_are_read()
    {
        var xml = Xml.Root("""
            <ПакетПредложений><Предложения><Предложение>
              <Количество>5</Количество><Цены><Цена><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу><ИдТипаЦены>t</ИдТипаЦены></Цена></Цены>
              <Наименование>Стул</Наименование><Ид>p#c</Ид>
            </Предложение></Предложения><Ид>pkg</Ид></ПакетПредложений>
            <Классификатор><Группы><Группа><Группы><Группа><Ид>child</Ид></Группа></Группы><Ид>parent</Ид></Группа></Группы><Ид>cls</Ид></Классификатор>
            """);
        var items = Xml.Read(xml);
        var offer = items.OfType<Offer>().Single();
        Assert.Equal(("p#c", "Стул", 5m, 10m), (offer.Id, offer.Name, offer.Quantity, offer.Prices[0].PricePerUnit));
        Assert.Equal(["parent", "child"], items.OfType<Group>().Select(g => g.Id));
        Assert.Equal("parent", items.OfType<Group>().Last().ParentId);
        // Ид came after the collection: an updated header follows at the end of the container.
        Assert.Equal("pkg", items.OfType<OfferPackageInfo>().Last().Id);
        Assert.Equal("cls", items.OfType<ClassifierInfo>().Last().Id);
    }

    [Fact]
    public void Unknown_elements_and_attributes_are_kept_as_extras()
    {
        var xml = Xml.Root("""
            <Каталог Особый="1"><Товары><Товар Метка="x"><Ид>p1</Ид><БитриксТеги>новинка</БитриксТеги>
              <СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>20</Ставка><Код>1</Код></СтавкаНалога></СтавкиНалогов>
              <Внешний><Код Тип="a">42</Код></Внешний></Товар></Товары></Каталог>
            <Контейнер2><Поле>1</Поле></Контейнер2>
            """);
        var items = Xml.Read(xml);
        var product = items.OfType<Product>().Single();
        Assert.Contains(new CommerceMLExtra("@Метка", "x"), product.Extras);
        Assert.Contains(new CommerceMLExtra("БитриксТеги", "новинка"), product.Extras);
        Assert.Contains(new CommerceMLExtra("СтавкиНалогов/СтавкаНалога/Код", "1"), product.Extras);
        var external = product.Extras.Single(e => e.Name == "Внешний");
        Assert.Equal(new CommerceMLExtra("Код", "42", [new CommerceMLExtra("@Тип", "a")]), external.Children.Single());
        Assert.Contains(new CommerceMLExtra("@Особый", "1"), items.OfType<CatalogInfo>().Single().Extras);
        Assert.Equal("Контейнер2", items.OfType<UnknownElement>().Single().Element.Name);
    }

    [Theory]
    [InlineData("2014-06-01T0:36:33", 2014, 6, 1, 0, 36, 33)]
    [InlineData("2014-11-25T8:00:00", 2014, 11, 25, 8, 0, 0)]
    [InlineData("2007-10-30", 2007, 10, 30, 0, 0, 0)]
    [InlineData("2007-10-16 15:44:47", 2007, 10, 16, 15, 44, 47)]
    [InlineData("2021-02-18T09:49:02.5", 2021, 2, 18, 9, 49, 2)]
    public void Lax_dates_are_parsed(string text, int y, int mo, int d, int h, int mi, int s)
    {
        var items = Xml.Read(Xml.Root(Catalog).Replace("2024-05-01T10:00:00", text, StringComparison.Ordinal));
        var generated = ((CommerceMLHeader)items[0]).GeneratedAt!.Value;
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), generated.AddTicks(-(generated.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Empty_1C_date_is_read_as_none()
    {
        var items = Xml.Read(Xml.Root("<Документ><Ид>1</Ид><Дата>0001-01-01</Дата><СрокПлатежа>0001-01-01T00:00:00</СрокПлатежа></Документ>"));
        var document = items.OfType<Document>().Single();
        Assert.Null(document.Date);
        Assert.Null(document.PaymentDue);
        Assert.Single(items.OfType<Document>());
    }

    [Theory]
    [InlineData("1,4", "1.4")]
    [InlineData("1.4", "1.4")]
    [InlineData("231.7400", "231.74")]
    [InlineData("12 356,50", "12356.5")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("-3", "-3")]
    public void Decimals_with_comma_or_point_are_parsed(string text, string expected)
    {
        var items = Xml.Read(Xml.Root($"<Документ><Ид>1</Ид><Сумма>{text}</Сумма></Документ>"));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), items.OfType<Document>().Single().Sum);
    }

    [Theory]
    [InlineData("RUB", "RUB")]
    [InlineData("руб", "RUB")]
    [InlineData("руб.", "RUB")]
    [InlineData("643", "RUB")]
    [InlineData("usd", "USD")]
    public void Currency_as_ISO_code_or_rub_is_normalised(string currency, string code)
    {
        var document = Xml.Read(Xml.Root($"<Документ><Ид>1</Ид><Валюта>{currency}</Валюта></Документ>")).OfType<Document>().Single();
        Assert.Equal(currency, document.Currency);
        Assert.Equal(code, document.CurrencyCode);
    }

    [Theory]
    [InlineData("p1", "p1", null)]
    [InlineData("p1#c1", "p1", "c1")]
    [InlineData("catalog#", "catalog", null)]
    public void Ids_joined_with_hash_are_split(string id, string product, string? characteristic)
    {
        var offer = Xml.Read(Xml.Root($"<ПакетПредложений><Предложения><Предложение><Ид>{id}</Ид></Предложение></Предложения></ПакетПредложений>")).OfType<Offer>().Single();
        Assert.Equal((product, characteristic), (offer.ProductId, offer.CharacteristicId));
    }

    [Theory]
    [InlineData("", null, true)]
    [InlineData(" СодержитТолькоИзменения=\"true\"", true, true)]
    [InlineData(" СодержитТолькоИзменения=\"false\"", false, false)]
    public void Absent_only_changes_means_changes_only(string attribute, bool? raw, bool onlyChanges)
    {
        var catalog = Xml.Read(Xml.Root($"<Каталог{attribute}><Ид>c</Ид></Каталог>")).OfType<CatalogInfo>().Single();
        Assert.Equal(raw, catalog.OnlyChangesAttribute);
        Assert.Equal(onlyChanges, catalog.ContainsOnlyChanges);
    }

    [Fact]
    public void Status_deleted_and_deletion_mark_are_deletions()
    {
        var items = Xml.Read(Xml.Root("""
            <Классификатор><Группы><Группа><Ид>g</Ид><ПометкаУдаления>true</ПометкаУдаления></Группа></Группы></Классификатор>
            <Каталог><Товары>
              <Товар Статус="Удален"><Ид>a</Ид></Товар>
              <Товар><Ид>b</Ид><ПометкаУдаления>true</ПометкаУдаления></Товар>
              <Товар Статус="Изменен"><Ид>c</Ид><ПометкаУдаления>false</ПометкаУдаления></Товар>
            </Товары></Каталог>
            <Документ><Ид>d</Ид><ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>ПометкаУдаления</Наименование><Значение>true</Значение></ЗначениеРеквизита></ЗначенияРеквизитов></Документ>
            """));
        Assert.Equal([true, true, false], items.OfType<Product>().Select(p => p.IsDeleted));
        Assert.True(items.OfType<Group>().Single().IsDeleted);
        Assert.True(items.OfType<Document>().Single().IsDeleted);
    }

    [Fact]
    public void Split_package_files_are_read_each_on_its_own()
    {
        // import___: classifier with units and warehouses, an empty catalog; offers___: names only; prices___: prices only;
        // rests___: the non-standard Остатки/Остаток/Склад. ПакетПредложений before Классификатор, empty.
        var import = Xml.Read(Xml.Root("""
            <Классификатор СодержитТолькоИзменения="true"><Ид>k</Ид>
              <ЕдиницыИзмерения><ЕдиницаИзмерения><Ид>796</Ид><НаименованиеКраткое>шт</НаименованиеКраткое><Код>796</Код></ЕдиницаИзмерения></ЕдиницыИзмерения>
              <Склады><Склад><Ид>w1</Ид><Наименование>Основной</Наименование></Склад></Склады>
            </Классификатор><Каталог СодержитТолькоИзменения="true"><Ид>k</Ид><ИдКлассификатора>k</ИдКлассификатора><Товары/></Каталог>
            """, "2.09"));
        Assert.Equal("шт", import.OfType<Unit>().Single().ShortName);
        Assert.Equal("w1", import.OfType<Warehouse>().Single().Id);
        Assert.Empty(import.OfType<Product>());
        Assert.Single(import.OfType<CatalogInfo>());

        var offers = Xml.Read(Xml.Root("<ПакетПредложений/><Классификатор><Ид>k</Ид></Классификатор><ПакетПредложений СодержитТолькоИзменения=\"true\"><Предложения><Предложение><Ид>p#v</Ид><НомерВерсии>AAA=</НомерВерсии><ПометкаУдаления>false</ПометкаУдаления><Наименование>Вариант</Наименование></Предложение></Предложения></ПакетПредложений>", "2.09"));
        Assert.Equal(2, offers.OfType<OfferPackageInfo>().Count());
        Assert.Equal(("Вариант", "AAA="), (offers.OfType<Offer>().Single().Name, offers.OfType<Offer>().Single().VersionNumber));

        var prices = Xml.Read(Xml.Root("<ПакетПредложений><Предложения><Предложение><Ид>p#v</Ид><Цены><Цена><ИдТипаЦены>t</ИдТипаЦены><ЦенаЗаЕдиницу>99,90</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена></Цены></Предложение></Предложения></ПакетПредложений>", "2.09"));
        Assert.Equal(99.90m, prices.OfType<Offer>().Single().Prices.Single().PricePerUnit);

        var rests = Xml.Read(Xml.Root("<ПакетПредложений><Предложения><Предложение><Ид>p#v</Ид><Остатки><Остаток><Склад><Ид>w1</Ид><Количество>3</Количество></Склад></Остаток><Остаток><Склад><Ид>w2</Ид><Количество>4,5</Количество></Склад></Остаток></Остатки></Предложение></Предложения></ПакетПредложений>", "2.09"));
        var offer = rests.OfType<Offer>().Single();
        Assert.Equal([new Stock("w1", 3m), new Stock("w2", 4.5m)], offer.Stocks);
        Assert.Equal(7.5m, offer.TotalQuantity);
    }

    [Fact]
    public void Changes_package_of_208_is_read_as_offers()
    {
        var items = Xml.Read(Xml.Root("<ИзмененияПакетаПредложений><Предложения><Предложение><Ид>p</Ид><Склады><Склад ИдСклада=\"w\" КоличествоНаСкладе=\"2\"/></Склады><Цены><Цена><ИдТипаЦены>t</ИдТипаЦены><ЦенаЗаЕдиницу>5</ЦенаЗаЕдиницу><МинКоличество>10</МинКоличество></Цена></Цены></Предложение></Предложения></ИзмененияПакетаПредложений>", "2.08"));
        Assert.True(items.OfType<OfferPackageInfo>().Single().IsChangesPackage);
        var offer = items.OfType<Offer>().Single();
        Assert.Equal(new Stock("w", 2m), offer.Stocks.Single());
        Assert.Equal(10m, offer.Prices.Single().MinQuantity);
    }

    [Theory]
    [InlineData("3.1", "urn:1C.ru:commerceml_3")]
    [InlineData("3.1", null)]
    [InlineData("3.0", "urn:1C.ru:commerceml_2")]
    public void Version_3_file_is_refused_naming_the_version(string version, string? ns)
    {
        var e = Xml.Refused(Xml.Root("<Контейнер><Документ><Ид>1</Ид></Документ></Контейнер>", version, ns));
        Assert.Contains("CommerceML " + version + " is not supported", e.Message, StringComparison.Ordinal);
        Assert.Equal(version, e.Problem.Value);
    }

    [Fact]
    public void Version_3_namespace_without_version_is_refused()
    {
        var xml = "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_3\" ДатаФормирования=\"2020-01-01\"/>";
        Assert.Contains("CommerceML 3", Xml.Refused(xml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_CommerceML_root_is_refused()
    {
        var e = Xml.Refused("<html><body>Fatal error</body></html>");
        Assert.Contains("not a CommerceML file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Заказ товара", DocumentOperation.GoodsOrder)]
    [InlineData("Счет на оплату", DocumentOperation.InvoiceForPayment)]
    [InlineData("Отпуск товара", DocumentOperation.GoodsRelease)]
    [InlineData("Счет-фактура", DocumentOperation.TaxInvoice)]
    [InlineData("Возврат товара", DocumentOperation.GoodsReturn)]
    [InlineData("Передача товара на комиссию", DocumentOperation.CommissionTransfer)]
    [InlineData("Возврат комиссионного товара", DocumentOperation.CommissionGoodsReturn)]
    [InlineData("Отчет о продажах комиссионного товара", DocumentOperation.CommissionSalesReport)]
    [InlineData("Отчет о списании комиссионного товара", DocumentOperation.CommissionWriteOffReport)]
    [InlineData("Выплата наличных денег", DocumentOperation.CashPayment)]
    [InlineData("Возврат наличных денег", DocumentOperation.CashRefund)]
    [InlineData("Выплата безналичных денег", DocumentOperation.CashlessPayment)]
    [InlineData("Возврат безналичных денег", DocumentOperation.CashlessRefund)]
    [InlineData("Переоценка товаров", DocumentOperation.Revaluation)]
    [InlineData("Передача прав", DocumentOperation.RightsTransfer)]
    [InlineData("Прочие", DocumentOperation.Other)]
    [InlineData("Что-то новое", DocumentOperation.Unknown)]
    public void Every_business_operation_is_recognised(string operation, DocumentOperation kind)
    {
        var document = Xml.Read(Xml.Root($"<Документ><Ид>1</Ид><ХозОперация>{operation}</ХозОперация></Документ>")).OfType<Document>().Single();
        Assert.Equal(operation, document.Operation);
        Assert.Equal(kind, document.OperationKind);
        if (kind != DocumentOperation.Unknown)
            Assert.Equal(operation, CommerceMLValues.OperationName(kind));
    }

    [Fact]
    public void Payments_of_209_and_subordinate_documents_of_210_are_read()
    {
        var v209 = Xml.Read(Xml.Root("<Документ><Ид>1</Ид><Оплаты><Оплата><НомерДокумента>П-1</НомерДокумента><НомерТранзакции>tx</НомерТранзакции><ДатаОплаты>2015-06-29T15:39:10</ДатаОплаты><СуммаОплаты>100.50</СуммаОплаты><СпособОплаты>Карта</СпособОплаты><ИдСпособаОплаты>card</ИдСпособаОплаты></Оплата></Оплаты></Документ>", "2.09"));
        Assert.Equal(new Payment { DocumentNumber = "П-1", TransactionNumber = "tx", Date = new DateTime(2015, 6, 29, 15, 39, 10), Sum = 100.50m, Method = "Карта", MethodId = "card" },
            v209.OfType<Document>().Single().Payments.Single());

        var v210 = Xml.Read(Xml.Root("<Документ><Ид>1</Ид><ПодчиненныеДокументы><ПодчиненныйДокумент><Ид>2</Ид><Номер>ОПЛ-2</Номер><ХозОперация>Выплата безналичных денег</ХозОперация><Сумма>100</Сумма></ПодчиненныйДокумент></ПодчиненныеДокументы></Документ>"));
        var payment = v210.OfType<Document>().Single().SubordinateDocuments.Single();
        Assert.Equal(("ОПЛ-2", DocumentOperation.CashlessPayment, 100m), (payment.Number, payment.OperationKind, payment.Sum));
    }

    [Fact]
    public void Root_level_counterparties_are_yielded_with_contacts_and_addresses()
    {
        var items = Xml.Read(Xml.Root("""
            <Контрагенты СодержитТолькоИзменения="false">
              <Контрагент><Ид>c1</Ид><Наименование>ООО Ромашка</Наименование><ОфициальноеНаименование>ООО «Ромашка»</ОфициальноеНаименование>
                <ИНН>7701234567</ИНН><КПП>770101001</КПП>
                <ЮридическийАдрес><Представление>Москва</Представление><АдресноеПоле><Тип>Город</Тип><Значение>Москва</Значение></АдресноеПоле></ЮридическийАдрес>
                <Контакты><Контакт><Тип>ТелефонРабочий</Тип><Значение>+7 495 000-00-00</Значение></Контакт><Контакт><Тип>Почта</Тип><Значение>a@b.ru</Значение><Комментарий>бухгалтерия</Комментарий></Контакт></Контакты>
              </Контрагент>
              <Контрагент><Ид>c2</Ид><Наименование>Иван</Наименование><ПолноеНаименование>Иванов Иван</ПолноеНаименование><Фамилия>Иванов</Фамилия><Имя>Иван</Имя><Отчество>Иванович</Отчество><ДатаРождения>1990-05-01</ДатаРождения></Контрагент>
            </Контрагенты>
            """, "2.09"));
        Assert.False(items.OfType<CounterpartiesInfo>().Single().ContainsOnlyChanges);
        var list = items.OfType<Counterparty>().ToList();
        Assert.True(list[0].IsLegalEntity);
        Assert.Equal("Москва", list[0].LegalAddress!.Fields.Single().Value);
        Assert.Equal(new Contact("Почта", "a@b.ru", "бухгалтерия"), list[0].Contacts[1]);
        Assert.True(list[1].IsPerson);
        Assert.Equal(new DateOnly(1990, 5, 1), list[1].BirthDate);
    }

    [Fact]
    public void A_bad_value_is_reported_with_line_position_path_and_value_and_reading_goes_on()
    {
        var xml = Xml.Root("\n<Документ>\n  <Ид>1</Ид>\n  <Сумма>сто рублей</Сумма>\n</Документ><Документ><Ид>2</Ид></Документ>");
        var (items, reader) = Xml.ReadWithReader(xml);
        using (reader)
        {
            Assert.True(reader.IsComplete);
            Assert.Equal(2, items.OfType<Document>().Count());
            Assert.Null(items.OfType<Document>().First().Sum);
            var problem = Assert.Single(reader.Problems);
            Assert.Equal((CommerceMLProblemSeverity.Warning, 5, 4), (problem.Severity, problem.Line, problem.Position));
            Assert.Equal("/КоммерческаяИнформация/Документ/Сумма", problem.Path);
            Assert.Equal("сто рублей", problem.Value);
            Assert.Contains("line 5, position 4", problem.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Problem_handler_can_stop_reading()
    {
        var seen = new List<CommerceMLProblem>();
        var options = new CommerceMLReaderOptions { ProblemHandler = p => { seen.Add(p); return ProblemAction.Stop; } };
        var e = Xml.Refused(Xml.Root("<Документ><Ид>1</Ид><Дата>вчера</Дата></Документ><Документ><Ид>2</Ид></Документ>"), options);
        Assert.Equal("вчера", e.Problem.Value);
        Assert.Single(seen);
    }

    [Fact]
    public void Missing_version_is_a_warning_not_an_error()
    {
        var (items, reader) = Xml.ReadWithReader("<КоммерческаяИнформация>" + Catalog + "</КоммерческаяИнформация>");
        using (reader)
        {
            Assert.True(reader.IsComplete);
            Assert.Single(items.OfType<Product>());
            Assert.Contains(reader.Problems, p => p.Message.Contains("ВерсияСхемы", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Async_stream_yields_the_same_records_as_the_sync_one()
    {
        var xml = Encoding.UTF8.GetBytes(Xml.Root(Catalog + "<Документ><Ид>1</Ид></Документ>"));
        var sync = Xml.ReadBytes(xml);
        using var reader = CommerceMLReader.Open(new MemoryStream(xml));
        var async = new List<CommerceMLItem>();
        await foreach (var item in reader.ReadItemsAsync(TestContext.Current.CancellationToken))
            async.Add(item);
        Assert.Equal(sync, async);
        Assert.True(reader.IsComplete);
    }
}
