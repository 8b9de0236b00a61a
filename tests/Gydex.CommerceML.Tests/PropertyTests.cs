using System.Text;
using CsCheck;

namespace Gydex.CommerceML.Tests;

/// <summary>Generated catalogs and documents survive writer → reader unchanged, in every version and encoding.</summary>
public class PropertyTests
{
    // Cyrillic, Latin, digits, XML specials and a sign outside windows-1251 (written as a character reference).
    private const string Alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯabcxyzXYZ0123456789 -#№<>&\"'«»₽.,;:/";

    // XML drops text that is only whitespace; 1C values always have something in them.
    private static readonly Gen<string> Text = Gen.Char[Alphabet].Array[1, 12].Select(chars => new string(chars)).Select(s => s.Trim().Length == 0 ? "x" + s : s);

    private static readonly Gen<string> Id = Gen.Char["0123456789abcdef-"].Array[1, 36].Select(chars => new string(chars));

    private static readonly decimal[] Scales = [1m, 10m, 100m, 1000m, 10000m];

    private static readonly Gen<decimal> Money = Gen.Long[-100_000_000_000, 100_000_000_000].Select(Gen.Int[0, 4], (units, scale) => units / Scales[scale]);

    private static readonly Gen<DateOnly> Day = Gen.Int[0, 60_000].Select(d => new DateOnly(1950, 1, 1).AddDays(d));

    private static readonly Gen<DateTime> Moment = Gen.Long[0, 4_000_000_000_000_000].Select(t => new DateTime(1950, 1, 1).AddTicks(t));

    private static readonly Gen<TimeOnly> Clock = Gen.Long[0, TimeSpan.TicksPerDay - 1].Select(t => new TimeOnly(t));

    private static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : class
    {
        T? none = null;
        return Gen.Bool.SelectMany(b => b ? gen.Select(v => (T?)v) : Gen.Const(none));
    }

    private static Gen<T?> MaybeValue<T>(Gen<T> gen)
        where T : struct
    {
        T? none = null;
        return Gen.Bool.SelectMany(b => b ? gen.Select(v => (T?)v) : Gen.Const(none));
    }

    private static Gen<ValueList<T>> ListOf<T>(Gen<T> gen, int max = 3) => gen.Array[0, max].Select(a => a.ToValueList());

    private static readonly Gen<string?> OptText = Maybe(Text);
    private static readonly Gen<decimal?> OptMoney = MaybeValue(Money);
    private static readonly Gen<bool?> OptBool = MaybeValue(Gen.Bool);

    // Unknown content: attributes first (as the reader yields them), then elements with nested children.
    private static readonly Gen<ValueList<CommerceMLExtra>> Extras =
        Gen.Select(Maybe(Text), ListOf(Gen.Select(OptText, ListOf(Text.Select(t => new CommerceMLExtra("Под", t)), 2), (v, c) => new CommerceMLExtra("ДопПоле", v, c)), 2),
            (attribute, elements) => (attribute is null ? elements : [new CommerceMLExtra("@Метка", attribute), .. elements]).ToValueList());

    private static readonly Gen<Address> AddressGen = Gen.Select(OptText, ListOf(Gen.Select(OptText, OptText, (t, v) => new AddressField(t, v))), OptText,
        (p, f, c) => new Address { Presentation = p, Fields = f, Comment = c });

    private static readonly Gen<Bank> BankGen = Gen.Select(OptText, OptText, OptText, (n, c, b) => new Bank { Name = n, CorrespondentAccount = c, Bic = b });

    private static readonly Gen<Counterparty> CounterpartyGen = Gen.Select(
        Maybe(Id), OptText, OptText, OptText, Maybe(AddressGen), OptText, OptText, OptText, OptText, MaybeValue(Day), OptText, OptText,
        ListOf(Gen.Select(OptText, Maybe(BankGen), (n, b) => new BankAccount { Number = n, Bank = b }), 2),
        ListOf(Gen.Select(OptText, OptText, OptText, (t, v, c) => new Contact(t, v, c)), 2),
        ListOf(Gen.Select(OptText, Maybe(Id), OptText, (r, i, n) => new Representative(r, i, n)), 2),
        Extras,
        (id, name, role, official, legal, full, surname, first, middle, birth, inn, kpp, accounts, contacts, representatives, extras) => new Counterparty
        {
            Id = id, Name = name, Role = role, OfficialName = official, LegalAddress = legal, FullName = full, Surname = surname,
            FirstName = first, MiddleName = middle, BirthDate = birth, Inn = inn, Kpp = kpp, BankAccounts = accounts,
            Contacts = contacts, Representatives = representatives, Extras = extras,
        });

    private static readonly Gen<BaseUnit> BaseUnitGen = Gen.Select(OptText, OptText, OptText, OptText, ListOf(Gen.Select(OptText, OptMoney, (u, f) => new UnitConversion(u, f)), 2),
        (code, full, text, international, conversions) => new BaseUnit { Code = code, FullName = full, Text = text, InternationalAbbreviation = international, Conversions = conversions });

    private static readonly Gen<ValueList<Requisite>> Requisites = ListOf(Gen.Select(Text, ListOf(Text, 2), (n, v) => new Requisite(n, v)));

    private static Gen<T> ProductLike<T>()
        where T : ProductBase, new() => Gen.Select(
            Id, Maybe(Gen.OneOf("Новый", "Изменен", "Удален")), OptBool, OptText, OptText, OptText, Maybe(BaseUnitGen), ListOf(Id, 2), OptText, ListOf(Text, 2),
            ListOf(Gen.Select(Id, OptText, ListOf(Text, 2), (i, n, v) => new PropertyValue(i, n, v)), 2),
            ListOf(Gen.Select(OptText, OptText, (n, r) => new TaxRate(n, r)), 2),
            ListOf(Gen.Select(Maybe(Id), OptText, OptText, (i, n, v) => new Characteristic(i, n, v)), 2),
            Requisites, Extras, Maybe(Id),
            (id, status, deleted, barcode, article, name, unit, groups, description, images, values, rates, characteristics, requisites, extras, variant) => new T
            {
                Id = variant is null ? id : id + "#" + variant, Status = status, DeletionMark = deleted, Barcode = barcode, Article = article, Name = name,
                BaseUnit = unit, GroupIds = groups, Description = description, Images = images, PropertyValues = values, TaxRates = rates,
                Characteristics = characteristics, Requisites = requisites, Extras = extras,
            });

    private static readonly Gen<Tax> TaxGen = Gen.Select(OptText, OptBool, OptMoney, OptText, OptBool, (n, i, s, r, e) => new Tax { Name = n, IncludedInSum = i, Sum = s, Rate = r, Excise = e });

    private static readonly Gen<Discount> DiscountGen = Gen.Select(OptText, OptMoney, OptMoney, OptBool, (n, s, p, i) => new Discount { Name = n, Sum = s, Percent = p, IncludedInSum = i });

    private static readonly Gen<LineUnit?> LineUnitGen = Gen.Int[0, 2].SelectMany(kind => kind switch
    {
        0 => Text.Select(_ => (LineUnit?)null),
        1 => Text.Select(t => (LineUnit?)new LineUnit { Text = t }),
        _ => Gen.Select(Id, Text, Text, Text, (i, s, c, f) => (LineUnit?)new LineUnit { Id = i, ShortName = s, Code = c, FullName = f }),
    });

    private static readonly Gen<DocumentLine> LineGen = Gen.Select(ProductLike<DocumentLine>(), Maybe(Id), OptMoney, OptMoney, OptMoney, LineUnitGen, OptMoney, ListOf(TaxGen, 2), ListOf(DiscountGen, 2),
        (line, catalog, price, quantity, sum, unit, coefficient, taxes, discounts) => line with
        {
            CatalogId = catalog, PricePerUnit = price, Quantity = quantity, Sum = sum, Unit = unit, Coefficient = coefficient, Taxes = taxes, Discounts = discounts,
        });

    private static readonly Gen<Payment> PaymentGen = Gen.Select(OptText, OptText, MaybeValue(Moment), OptMoney, OptText, Maybe(Id),
        (n, t, d, s, m, i) => new Payment { DocumentNumber = n, TransactionNumber = t, Date = d, Sum = s, Method = m, MethodId = i });

    private static Gen<Document> DocumentGen(string version, bool nested = false) => Gen.Select(
        Id, OptText, MaybeValue(Day), MaybeValue(Clock), Maybe(Gen.OneOf("Заказ товара", "Счет на оплату", "Возврат товара", "Выплата безналичных денег", "Прочие")),
        Maybe(Gen.OneOf("RUB", "руб", "USD")), OptMoney, OptMoney, ListOf(CounterpartyGen, 2), MaybeValue(Day), OptText, ListOf(TaxGen, 2), ListOf(DiscountGen, 1),
        ListOf(LineGen, 3), Requisites,
        version == "2.09" && !nested ? ListOf(PaymentGen, 2) : Gen.Const(ValueList<Payment>.Empty),
        (id, number, date, time, operation, currency, rate, sum, counterparties, due, comment, taxes, discounts, lines, requisites, payments) => new Document
        {
            Id = id, Number = number, Date = date, Time = time, Operation = operation, Role = "Продавец", Currency = currency, Rate = rate, Sum = sum,
            Counterparties = counterparties, PaymentDue = due, Comment = comment, Taxes = taxes, Discounts = discounts, Lines = lines,
            Requisites = requisites, Payments = payments,
        }).SelectMany(d => version == "2.10" && !nested
            ? ListOf(DocumentGen(version, nested: true), 2).Select(subs => d with { SubordinateDocuments = subs })
            : Gen.Const(d));

    private static readonly Gen<string> Version = Gen.OneOf("2.05", "2.08", "2.09", "2.10");

    private static readonly Gen<Encoding> EncodingGen = Gen.OneOf(CommerceMLWriterOptions.Utf8, CommerceMLWriterOptions.Windows1251);

    private static readonly Gen<List<CommerceMLItem>> CatalogGen = Gen.Select(
        Gen.Select(Maybe(Id), OptText, Maybe(CounterpartyGen), OptBool, Extras, (id, name, owner, only, extras) => new ClassifierInfo { Id = id, Name = name, Owner = owner, OnlyChangesAttribute = only, Extras = extras }),
        Gen.Select(Id, OptText, ListOf(Gen.Select(Id, OptText, (i, n) => (i, n)), 2), (i, n, children) => (Root: new Group { Id = i, Name = n }, Children: children)).Array[0, 3],
        Gen.Select(Id, OptText, Maybe(Gen.OneOf("Строка", "Число", "Справочник")), OptBool, ListOf(Gen.Select(Maybe(Id), Text, (i, v) => new PropertyOption(i, v)), 3),
            (i, n, t, m, o) => new Property { Id = i, Name = n, ValueType = t, IsMultiple = m, Options = o }).Array[0, 3],
        ProductLike<Product>().Array[0, 4],
        Gen.Select(Id, OptText, Maybe(Gen.OneOf("RUB", "руб")), Maybe(TaxGen), (i, n, c, t) => new PriceType { Id = i, Name = n, Currency = c, Tax = t }).Array[0, 2],
        Gen.Select(ProductLike<Offer>(), ListOf(Gen.Select(OptText, Maybe(Id), OptMoney, OptText, OptMoney, (p, t, v, u, k) => new Price { Presentation = p, PriceTypeId = t, PricePerUnit = v, Unit = u, Coefficient = k }), 2),
            OptMoney, ListOf(Gen.Select(Maybe(Id), OptMoney, (w, q) => new Stock(w, q)), 3),
            (o, prices, quantity, stocks) => o with { Prices = prices, Quantity = quantity, Stocks = stocks }).Array[0, 4],
        (classifier, groups, properties, products, priceTypes, offers) =>
        {
            var items = new List<CommerceMLItem> { classifier };
            foreach (var (root, children) in groups)
            {
                items.Add(root);
                items.AddRange(children.Select(c => new Group { Id = c.i, Name = c.n, ParentId = root.Id }));
            }
            items.AddRange(properties);
            items.Add(new CatalogInfo { Id = "catalog", ClassifierId = classifier.Id, OnlyChangesAttribute = false });
            items.AddRange(products);
            items.Add(new OfferPackageInfo { Id = "catalog#", CatalogId = "catalog", OnlyChangesAttribute = true });
            items.AddRange(priceTypes);
            items.AddRange(offers);
            return items;
        });

    private static List<CommerceMLItem> RoundTrip(IEnumerable<CommerceMLItem> items, string version, Encoding encoding)
    {
        var bytes = CommerceMLWriter.ToBytes(items, new CommerceMLWriterOptions { SchemaVersion = version, Encoding = encoding, GeneratedAt = new DateTime(2024, 1, 1) });
        return Xml.ReadBytes(bytes).Skip(1).ToList();
    }

    [Fact]
    public void Generated_catalogs_round_trip_through_writer_and_reader()
    {
        Gen.Select(CatalogGen, Version, EncodingGen).Sample((items, version, encoding) =>
            Assert.Equal(items, RoundTrip(items, version, encoding)), iter: 150);
    }

    [Fact]
    public void Generated_documents_round_trip_through_writer_and_reader()
    {
        Version.SelectMany(v => Gen.Select(DocumentGen(v).Array[0, 3], EncodingGen, (docs, e) => (Version: v, Documents: docs, Encoding: e)))
            .Sample(x => Assert.Equal<CommerceMLItem>(x.Documents, RoundTrip(x.Documents, x.Version, x.Encoding)), iter: 150);
    }
}
