using System.Xml;

namespace Gydex.CommerceML;

public sealed partial class CommerceMLReader
{
    /// <summary>Collects the fields common to Товар, Предложение and a document's Товар.</summary>
    private sealed class ProductFields
    {
        public string? Id;
        public string? Status;
        public string? VersionNumber;
        public bool? DeletionMark;
        public string? Barcode;
        public string? Article;
        public string? Name;
        public BaseUnit? BaseUnit;
        public List<string>? GroupIds;
        public string? Description;
        public List<string>? Images;
        public string? Country;
        public string? TradeMark;
        public Counterparty? Manufacturer;
        public List<PropertyValue>? PropertyValues;
        public List<TaxRate>? TaxRates;
        public List<Characteristic>? Characteristics;
        public ValueList<Requisite> Requisites = ValueList<Requisite>.Empty;
        public List<CommerceMLExtra>? Extras;
        public int Line;
        public int Position;
        public int Depth;

        public T Build<T>()
            where T : ProductBase, new() => new()
            {
                Id = Id ?? "", Status = Status, VersionNumber = VersionNumber, DeletionMark = DeletionMark, Barcode = Barcode,
                Article = Article, Name = Name, BaseUnit = BaseUnit, GroupIds = GroupIds.ToValueList(), Description = Description,
                Images = Images.ToValueList(), Country = Country, TradeMark = TradeMark, Manufacturer = Manufacturer,
                PropertyValues = PropertyValues.ToValueList(), TaxRates = TaxRates.ToValueList(),
                Characteristics = Characteristics.ToValueList(), Requisites = Requisites, Extras = Extras.ToValueList(),
            };
    }

    private ProductFields BeginProduct()
    {
        var fields = new ProductFields { Line = lineInfo.LineNumber, Position = lineInfo.LinePosition, Depth = x.Depth };
        if (x.HasAttributes)
        {
            while (x.MoveToNextAttribute())
            {
                if (x.LocalName == "Статус")
                    fields.Status = x.Value;
                else
                    KeepAttribute(ref fields.Extras);
            }
            x.MoveToElement();
        }
        return fields;
    }

    private void EndProduct(ProductFields fields, string what)
    {
        if (string.IsNullOrEmpty(fields.Id))
            Warn($"{what} without Ид", fields.Name, fields.Line, fields.Position, fields.Depth);
    }

    /// <summary>Reads the current child if it is a common product field; false when it is not one.</summary>
    private bool TryReadProductField(ProductFields f)
    {
        switch (x.LocalName)
        {
            case "Ид": f.Id = Str(); return true;
            case "НомерВерсии": f.VersionNumber = Str(); return true;
            case "ПометкаУдаления": f.DeletionMark = Bool(); return true;
            case "Штрихкод": f.Barcode = Str(); return true;
            case "Артикул": f.Article = Str(); return true;
            case "Наименование": f.Name = Str(); return true;
            case "БазоваяЕдиница": f.BaseUnit = ReadBaseUnit(); return true;
            case "Описание": f.Description = Str(); return true;
            case "Картинка": (f.Images ??= []).Add(Text()); return true;
            case "Страна": f.Country = Str(); return true;
            case "ТорговаяМарка": f.TradeMark = Str(); return true;
            case "Изготовитель": f.Manufacturer = ReadCounterparty(); return true;
            case "ЗначенияРеквизитов": f.Requisites = ReadRequisites(); return true;
            case "Группы":
                var gd = Enter();
                while (Next(gd))
                {
                    if (x.LocalName == "Ид")
                        (f.GroupIds ??= []).Add(Text());
                    else
                        AddExtra(ref f.Extras, f.Depth);
                }
                return true;
            case "ЗначенияСвойств":
                var vd = Enter();
                while (Next(vd))
                {
                    if (x.LocalName is "ЗначенияСвойства" or "ЗначениеСвойства")
                        (f.PropertyValues ??= []).Add(ReadPropertyValue(f));
                    else
                        AddExtra(ref f.Extras, f.Depth);
                }
                return true;
            case "СтавкиНалогов":
                var td = Enter();
                while (Next(td))
                {
                    if (x.LocalName != "СтавкаНалога")
                    {
                        AddExtra(ref f.Extras, f.Depth);
                        continue;
                    }
                    string? name = null, rate = null;
                    var rd = Enter();
                    while (Next(rd))
                    {
                        switch (x.LocalName)
                        {
                            case "Наименование": name = Str(); break;
                            case "Ставка": rate = Str(); break;
                            default: AddExtra(ref f.Extras, f.Depth); break;
                        }
                    }
                    (f.TaxRates ??= []).Add(new TaxRate(name, rate));
                }
                return true;
            case "ХарактеристикиТовара":
                var cd = Enter();
                while (Next(cd))
                {
                    if (x.LocalName != "ХарактеристикаТовара")
                    {
                        AddExtra(ref f.Extras, f.Depth);
                        continue;
                    }
                    string? id = null, name = null, value = null;
                    var hd = Enter();
                    while (Next(hd))
                    {
                        switch (x.LocalName)
                        {
                            case "Ид": id = Str(); break;
                            case "Наименование": name = Str(); break;
                            case "Значение": value = Str(); break;
                            default: AddExtra(ref f.Extras, f.Depth); break;
                        }
                    }
                    (f.Characteristics ??= []).Add(new Characteristic(id, name, value));
                }
                return true;
            default:
                return false;
        }
    }

    private PropertyValue ReadPropertyValue(ProductFields f)
    {
        string? id = null, name = null, single = null;
        List<string>? values = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); break;
                case "Наименование": name = Str(); break;
                case "Значение":
                    var value = Text();
                    if (single is null && values is null)
                    {
                        single = value;
                    }
                    else
                    {
                        values ??= [single!];
                        values.Add(value);
                    }
                    break;
                default: AddExtra(ref f.Extras, f.Depth); break;
            }
        }
        var all = values is not null ? values.ToValueList() : single is not null ? ValueList.Wrap([single]) : ValueList<string>.Empty;
        return new PropertyValue(id ?? "", name, all);
    }

    /// <summary>БазоваяЕдиница: text ("шт") in 2.03/2.04, attributes plus Пересчет children in later files.</summary>
    private BaseUnit ReadBaseUnit()
    {
        string? code = null, fullName = null, international = null, shortName = null, text = null;
        List<UnitConversion>? conversions = null;
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        if (x.HasAttributes)
        {
            while (x.MoveToNextAttribute())
            {
                switch (x.LocalName)
                {
                    case "Код": code = x.Value; break;
                    case "НаименованиеПолное": fullName = x.Value; break;
                    case "МеждународноеСокращение": international = x.Value; break;
                    case "НаименованиеКраткое": shortName = x.Value; break;
                    default: KeepAttribute(ref extras, home); break;
                }
            }
            x.MoveToElement();
        }
        if (x.IsEmptyElement)
        {
            x.Read();
        }
        else
        {
            var depth = x.Depth;
            x.Read();
            while (true)
            {
                if (x.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    text = text is null ? x.Value : text + x.Value;
                }
                else if (x.NodeType == XmlNodeType.Element)
                {
                    CheckElement();
                    if (x.LocalName == "Пересчет")
                    {
                        string? unit = null;
                        decimal? factor = null;
                        var pd = Enter();
                        while (Next(pd))
                        {
                            switch (x.LocalName)
                            {
                                case "Единица": unit = Str(); break;
                                case "Коэффициент": factor = Dec(); break;
                                default: AddExtra(ref extras, home); break;
                            }
                        }
                        (conversions ??= []).Add(new UnitConversion(unit, factor));
                    }
                    else
                    {
                        AddExtra(ref extras, home);
                    }
                    continue;
                }
                else if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth)
                {
                    x.Read();
                    break;
                }
                if (!x.Read())
                    throw Fatal("unexpected end of file", null);
            }
        }
        return new BaseUnit
        {
            Code = code, FullName = fullName, InternationalAbbreviation = international, ShortName = shortName, Text = text,
            Conversions = conversions.ToValueList(), Extras = extras.ToValueList(),
        };
    }

    private Product ReadProduct()
    {
        var f = BeginProduct();
        var d = Enter();
        while (Next(d))
        {
            if (!TryReadProductField(f))
                AddExtra(ref f.Extras, f.Depth);
        }
        EndProduct(f, "a product");
        return f.Build<Product>();
    }

    private Offer ReadOffer()
    {
        var f = BeginProduct();
        List<Price>? prices = null;
        List<Stock>? stocks = null;
        decimal? quantity = null;
        var d = Enter();
        while (Next(d))
        {
            if (TryReadProductField(f))
                continue;
            switch (x.LocalName)
            {
                case "Цены":
                    var pd = Enter();
                    while (Next(pd))
                    {
                        if (x.LocalName == "Цена")
                            (prices ??= []).Add(ReadPrice());
                        else
                            AddExtra(ref f.Extras, f.Depth);
                    }
                    break;
                case "Количество": quantity = Dec(); break;
                case "Склад": (stocks ??= []).Add(ReadStock(f)); break;
                case "Склады":
                    var sd = Enter();
                    while (Next(sd))
                    {
                        if (x.LocalName == "Склад")
                            (stocks ??= []).Add(ReadStock(f));
                        else
                            AddExtra(ref f.Extras, f.Depth);
                    }
                    break;
                case "Остатки":
                    // Non-standard split-package form: Остатки/Остаток/Склад(Ид, Количество) or Остаток/Количество.
                    var rd = Enter();
                    while (Next(rd))
                    {
                        if (x.LocalName != "Остаток")
                        {
                            AddExtra(ref f.Extras, f.Depth);
                            continue;
                        }
                        var od = Enter();
                        while (Next(od))
                        {
                            switch (x.LocalName)
                            {
                                case "Склад": (stocks ??= []).Add(ReadStock(f)); break;
                                case "Количество": quantity = (quantity ?? 0) + (Dec() ?? 0); break;
                                default: AddExtra(ref f.Extras, f.Depth); break;
                            }
                        }
                    }
                    break;
                default: AddExtra(ref f.Extras, f.Depth); break;
            }
        }
        EndProduct(f, "an offer");
        return f.Build<Offer>() with { Prices = prices.ToValueList(), Stocks = stocks.ToValueList(), Quantity = quantity };
    }

    private Price ReadPrice()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? presentation = null, priceTypeId = null, currency = null, unit = null;
        decimal? perUnit = null, coefficient = null, minQuantity = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Представление": presentation = Str(); break;
                case "ИдТипаЦены": priceTypeId = Str(); break;
                case "ЦенаЗаЕдиницу": perUnit = Dec(); break;
                case "Валюта": currency = Str(); break;
                case "Единица": unit = Str(); break;
                case "Коэффициент": coefficient = Dec(); break;
                case "МинКоличество": minQuantity = Dec(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Price
        {
            Presentation = presentation, PriceTypeId = priceTypeId, PricePerUnit = perUnit, Currency = currency, Unit = unit,
            Coefficient = coefficient, MinQuantity = minQuantity, Extras = extras.ToValueList(),
        };
    }

    /// <summary>Склад with attributes ИдСклада/КоличествоНаСкладе or with children Ид/Количество.</summary>
    private Stock ReadStock(ProductFields f)
    {
        string? warehouseId = null;
        decimal? quantity = null;
        if (x.HasAttributes)
        {
            while (x.MoveToNextAttribute())
            {
                switch (x.LocalName)
                {
                    case "ИдСклада": warehouseId = x.Value; break;
                    case "КоличествоНаСкладе": quantity = DecimalAttribute(); break;
                    default: KeepAttribute(ref f.Extras, f.Depth); break;
                }
            }
            x.MoveToElement();
        }
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид" or "ИдСклада": warehouseId = Str(); break;
                case "Количество" or "КоличествоНаСкладе": quantity = Dec(); break;
                default: AddExtra(ref f.Extras, f.Depth); break;
            }
        }
        return new Stock(warehouseId, quantity);
    }

    private DocumentLine ReadDocumentLine()
    {
        var f = BeginProduct();
        string? catalogId = null, classifierId = null;
        decimal? price = null, quantity = null, sum = null, coefficient = null;
        LineUnit? unit = null;
        var taxes = ValueList<Tax>.Empty;
        var discounts = ValueList<Discount>.Empty;
        var d = Enter();
        while (Next(d))
        {
            if (TryReadProductField(f))
                continue;
            switch (x.LocalName)
            {
                case "ИдКаталога": catalogId = Str(); break;
                case "ИдКлассификатора": classifierId = Str(); break;
                case "ЦенаЗаЕдиницу" or "Цена": price = Dec(); break;
                case "Количество": quantity = Dec(); break;
                case "Сумма": sum = Dec(); break;
                case "Коэффициент": coefficient = Dec(); break;
                case "Единица": unit = ReadLineUnit(f); break;
                case "Налоги": taxes = ReadTaxes(); break;
                case "Скидки": discounts = ReadDiscounts(); break;
                default: AddExtra(ref f.Extras, f.Depth); break;
            }
        }
        EndProduct(f, "a document line");
        return f.Build<DocumentLine>() with
        {
            CatalogId = catalogId, ClassifierId = classifierId, PricePerUnit = price, Quantity = quantity, Sum = sum,
            Coefficient = coefficient, Unit = unit, Taxes = taxes, Discounts = discounts,
        };
    }

    private LineUnit ReadLineUnit(ProductFields f)
    {
        string? text = null, id = null, code = null, shortName = null, fullName = null;
        if (x.IsEmptyElement)
        {
            x.Read();
            return new LineUnit { Text = "" };
        }
        var depth = x.Depth;
        x.Read();
        while (true)
        {
            if (x.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                text = text is null ? x.Value : text + x.Value;
            }
            else if (x.NodeType == XmlNodeType.Element)
            {
                CheckElement();
                switch (x.LocalName)
                {
                    case "Ид": id = Str(); break;
                    case "Код": code = Str(); break;
                    case "НаименованиеКраткое": shortName = Str(); break;
                    case "НаименованиеПолное": fullName = Str(); break;
                    default: AddExtra(ref f.Extras, f.Depth); break;
                }
                continue;
            }
            else if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth)
            {
                x.Read();
                break;
            }
            if (!x.Read())
                throw Fatal("unexpected end of file", null);
        }
        return new LineUnit { Text = text, Id = id, Code = code, ShortName = shortName, FullName = fullName };
    }

    private Document ReadDocument()
    {
        int line = lineInfo.LineNumber, position = lineInfo.LinePosition, depth = x.Depth;
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? id = null, version = null, number = null, number1C = null, operation = null, role = null, currency = null, comment = null;
        bool? deleted = null;
        DateOnly? date = null, date1C = null, paymentDue = null;
        TimeOnly? time = null;
        decimal? rate = null, sum = null;
        List<Counterparty>? counterparties = null;
        List<DocumentLine>? lines = null;
        List<Warehouse>? warehouses = null;
        List<Payment>? payments = null;
        List<Document>? subordinates = null;
        var taxes = ValueList<Tax>.Empty;
        var discounts = ValueList<Discount>.Empty;
        var requisites = ValueList<Requisite>.Empty;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); break;
                case "НомерВерсии": version = Str(); break;
                case "ПометкаУдаления": deleted = Bool(); break;
                case "Номер": number = Str(); break;
                case "Номер1С": number1C = Str(); break;
                case "Дата": date = Date(); break;
                case "Дата1С": date1C = Date(); break;
                case "Время": time = Time(); break;
                case "ХозОперация": operation = Str(); break;
                case "Роль": role = Str(); break;
                case "Валюта": currency = Str(); break;
                case "Курс": rate = Dec(); break;
                case "Сумма": sum = Dec(); break;
                case "СрокПлатежа": paymentDue = Date(); break;
                case "Комментарий": comment = Str(); break;
                case "Налоги": taxes = ReadTaxes(); break;
                case "Скидки": discounts = ReadDiscounts(); break;
                case "ЗначенияРеквизитов": requisites = ReadRequisites(); break;
                case "Контрагенты":
                    var cd = Enter();
                    while (Next(cd))
                    {
                        if (x.LocalName == "Контрагент")
                            (counterparties ??= []).Add(ReadCounterparty());
                        else
                            AddExtra(ref extras, home);
                    }
                    break;
                case "Товары":
                    var ld = Enter();
                    while (Next(ld))
                    {
                        if (x.LocalName == "Товар")
                            (lines ??= []).Add(ReadDocumentLine());
                        else
                            AddExtra(ref extras, home);
                    }
                    break;
                case "Склады":
                    var wd = Enter();
                    while (Next(wd))
                    {
                        if (x.LocalName == "Склад")
                            (warehouses ??= []).Add(ReadWarehouse());
                        else
                            AddExtra(ref extras, home);
                    }
                    break;
                case "Оплаты":
                    var pd = Enter();
                    while (Next(pd))
                    {
                        if (x.LocalName == "Оплата")
                            (payments ??= []).Add(ReadPayment());
                        else
                            AddExtra(ref extras, home);
                    }
                    break;
                case "ПодчиненныеДокументы":
                    var sd = Enter();
                    while (Next(sd))
                    {
                        if (x.LocalName is "ПодчиненныйДокумент" or "Документ")
                            (subordinates ??= []).Add(ReadDocument());
                        else
                            AddExtra(ref extras, home);
                    }
                    break;
                default: AddExtra(ref extras, home); break;
            }
        }
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(number))
            Warn("a document without Ид and Номер", null, line, position, depth);
        return new Document
        {
            Id = id, VersionNumber = version, DeletionMark = deleted, Number = number, Number1C = number1C, Date = date, Date1C = date1C,
            Time = time, Operation = operation, Role = role, Currency = currency, Rate = rate, Sum = sum,
            Counterparties = counterparties.ToValueList(), PaymentDue = paymentDue, Comment = comment, Taxes = taxes,
            Discounts = discounts, Warehouses = warehouses.ToValueList(), Lines = lines.ToValueList(), Requisites = requisites,
            Payments = payments.ToValueList(), SubordinateDocuments = subordinates.ToValueList(), Extras = extras.ToValueList(),
        };
    }

    private Payment ReadPayment()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? number = null, transaction = null, method = null, methodId = null;
        DateTime? date = null;
        decimal? sum = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "НомерДокумента": number = Str(); break;
                case "НомерТранзакции": transaction = Str(); break;
                case "ДатаОплаты": date = DateTimeValue(); break;
                case "СуммаОплаты": sum = Dec(); break;
                case "СпособОплаты": method = Str(); break;
                case "ИдСпособаОплаты": methodId = Str(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Payment
        {
            DocumentNumber = number, TransactionNumber = transaction, Date = date, Sum = sum, Method = method, MethodId = methodId,
            Extras = extras.ToValueList(),
        };
    }
}
