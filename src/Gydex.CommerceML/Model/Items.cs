namespace Gydex.CommerceML;

/// <summary>The root КоммерческаяИнформация: always the first record of a file.</summary>
public sealed record CommerceMLHeader : CommerceMLItem
{
    public required string SchemaVersion { get; init; }
    public DateTime? GeneratedAt { get; init; }

    /// <summary>The root's namespace URI, "" when none (2.03–2.05 files have none).</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The encoding the bytes are in: the XML declaration's, else UTF-8.</summary>
    public string Encoding { get; init; } = "utf-8";

    public bool HasByteOrderMark { get; init; }
}

/// <summary>Контрагент: a legal entity (ОфициальноеНаименование, ЮридическийАдрес…) or a person (ПолноеНаименование, Фамилия…).</summary>
public sealed record Counterparty : CommerceMLItem
{
    public string? Id { get; init; }
    public string? VersionNumber { get; init; }
    public bool? DeletionMark { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }
    public string? Comment { get; init; }

    // Legal entity.
    public string? OfficialName { get; init; }
    public Address? LegalAddress { get; init; }
    public string? Okpo { get; init; }
    public string? Okved { get; init; }
    public ValueList<BankAccount> BankAccounts { get; init; } = ValueList<BankAccount>.Empty;

    // Person.
    public string? FullName { get; init; }
    public string? Surname { get; init; }
    public string? FirstName { get; init; }
    public string? MiddleName { get; init; }
    public DateOnly? BirthDate { get; init; }
    public Address? RegistrationAddress { get; init; }

    public string? Inn { get; init; }
    public string? Kpp { get; init; }
    public Address? Address { get; init; }
    public ValueList<Contact> Contacts { get; init; } = ValueList<Contact>.Empty;
    public ValueList<Representative> Representatives { get; init; } = ValueList<Representative>.Empty;

    public bool IsLegalEntity => OfficialName is not null || LegalAddress is not null || Okpo is not null || !string.IsNullOrEmpty(Kpp);

    public bool IsPerson => !IsLegalEntity && (FullName is not null || Surname is not null || FirstName is not null || RegistrationAddress is not null);
}

/// <summary>Root-level Контрагенты: precedes the <see cref="Counterparty"/> records it holds.</summary>
public sealed record CounterpartiesInfo : CommerceMLItem
{
    public bool? OnlyChangesAttribute { get; init; }

    public bool ContainsOnlyChanges => OnlyChangesAttribute ?? true;
}

/// <summary>
/// Классификатор header. It is yielded before the classifier's first collection (groups, properties…);
/// if 1C writes header fields after a collection, an updated header follows at the classifier's end.
/// </summary>
public sealed record ClassifierInfo : CommerceMLItem
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public Counterparty? Owner { get; init; }
    public bool? OnlyChangesAttribute { get; init; }

    /// <summary>СодержитТолькоИзменения; absent means changes only — a CRM must not delete what a file omits.</summary>
    public bool ContainsOnlyChanges => OnlyChangesAttribute ?? true;
}

/// <summary>Группа, flattened: parents come before their children, <see cref="ParentId"/> links them.</summary>
public sealed record Group : CommerceMLItem
{
    public required string Id { get; init; }
    public string? ParentId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? VersionNumber { get; init; }
    public bool? DeletionMark { get; init; }

    public bool IsDeleted => DeletionMark == true;
}

/// <summary>Вариант значения of a Справочник property; plain <c>Значение</c> options have no id.</summary>
public sealed record PropertyOption(string? Id, string? Value);

/// <summary>Свойство of the classifier.</summary>
public sealed record Property : CommerceMLItem
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }

    /// <summary>ТипЗначений: Строка, Число, Время or Справочник.</summary>
    public string? ValueType { get; init; }
    public bool? IsRequired { get; init; }
    public bool? IsMultiple { get; init; }
    public bool? ForProducts { get; init; }
    public bool? ForOffers { get; init; }
    public bool? ForDocuments { get; init; }
    public ValueList<PropertyOption> Options { get; init; } = ValueList<PropertyOption>.Empty;
    public string? VersionNumber { get; init; }
    public bool? DeletionMark { get; init; }

    public bool IsDeleted => DeletionMark == true;
}

/// <summary>ТипЦены, from the classifier or an offer package.</summary>
public sealed record PriceType : CommerceMLItem
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Currency { get; init; }
    public string? Description { get; init; }
    public Tax? Tax { get; init; }

    public string? CurrencyCode => CommerceMLValues.NormalizeCurrency(Currency);
}

/// <summary>Склад.</summary>
public sealed record Warehouse : CommerceMLItem
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public Address? Address { get; init; }
    public ValueList<Contact> Contacts { get; init; } = ValueList<Contact>.Empty;
    public bool? DeletionMark { get; init; }
}

/// <summary>ЕдиницаИзмерения of the classifier (2.09 exports).</summary>
public sealed record Unit : CommerceMLItem
{
    public string? Id { get; init; }
    public string? Code { get; init; }
    public string? ShortName { get; init; }
    public string? FullName { get; init; }
    public string? InternationalAbbreviation { get; init; }
    public bool? DeletionMark { get; init; }
}

/// <summary>Каталог header; yielded before its products (see <see cref="ClassifierInfo"/> for late fields).</summary>
public sealed record CatalogInfo : CommerceMLItem
{
    public string? Id { get; init; }
    public string? ClassifierId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public Counterparty? Owner { get; init; }
    public bool? OnlyChangesAttribute { get; init; }

    public bool ContainsOnlyChanges => OnlyChangesAttribute ?? true;
}

/// <summary>Fields that Товар, Предложение and a document's Товар share.</summary>
public abstract record ProductBase : CommerceMLItem
{
    /// <summary>Ид as written; a variant is "product#characteristic".</summary>
    public string Id { get; init; } = "";

    /// <summary>The Статус attribute: Новый, Изменен or Удален.</summary>
    public string? Status { get; init; }
    public string? VersionNumber { get; init; }
    public bool? DeletionMark { get; init; }
    public string? Barcode { get; init; }
    public string? Article { get; init; }
    public string? Name { get; init; }
    public BaseUnit? BaseUnit { get; init; }
    public ValueList<string> GroupIds { get; init; } = ValueList<string>.Empty;
    public string? Description { get; init; }
    public ValueList<string> Images { get; init; } = ValueList<string>.Empty;
    public string? Country { get; init; }
    public string? TradeMark { get; init; }
    public Counterparty? Manufacturer { get; init; }
    public ValueList<PropertyValue> PropertyValues { get; init; } = ValueList<PropertyValue>.Empty;
    public ValueList<TaxRate> TaxRates { get; init; } = ValueList<TaxRate>.Empty;
    public ValueList<Characteristic> Characteristics { get; init; } = ValueList<Characteristic>.Empty;
    public ValueList<Requisite> Requisites { get; init; } = ValueList<Requisite>.Empty;

    public string ProductId => CommerceMLId.ProductPart(Id) ?? "";

    public string? CharacteristicId => CommerceMLId.CharacteristicPart(Id);

    /// <summary>Статус="Удален" or ПометкаУдаления=true.</summary>
    public bool IsDeleted => DeletionMark == true || string.Equals(Status?.Trim(), "Удален", StringComparison.OrdinalIgnoreCase);

    public string? RequisiteValue(string name) =>
        Requisites.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}

/// <summary>Товар of a Каталог (import.xml).</summary>
public sealed record Product : ProductBase;

/// <summary>ПакетПредложений or ИзмененияПакетаПредложений header; yielded before its price types, warehouses and offers.</summary>
public sealed record OfferPackageInfo : CommerceMLItem
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? CatalogId { get; init; }
    public string? ClassifierId { get; init; }
    public string? Description { get; init; }
    public Counterparty? Owner { get; init; }
    public DateTime? ValidFrom { get; init; }
    public DateTime? ValidTo { get; init; }
    public bool? OnlyChangesAttribute { get; init; }

    /// <summary>True for ИзмененияПакетаПредложений (2.08+ quick price/stock updates).</summary>
    public bool IsChangesPackage { get; init; }

    public bool ContainsOnlyChanges => OnlyChangesAttribute ?? true;
}

/// <summary>Цена of an offer.</summary>
public sealed record Price
{
    public string? Presentation { get; init; }
    public string? PriceTypeId { get; init; }
    public decimal? PricePerUnit { get; init; }
    public string? Currency { get; init; }
    public string? Unit { get; init; }
    public decimal? Coefficient { get; init; }
    public decimal? MinQuantity { get; init; }
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;

    public string? CurrencyCode => CommerceMLValues.NormalizeCurrency(Currency);
}

/// <summary>Stock on one warehouse: <c>Склад ИдСклада КоличествоНаСкладе</c> or the split package's <c>Остатки/Остаток/Склад</c>.</summary>
public sealed record Stock(string? WarehouseId, decimal? Quantity);

/// <summary>Предложение of an offer, price or rest package.</summary>
public sealed record Offer : ProductBase
{
    public ValueList<Price> Prices { get; init; } = ValueList<Price>.Empty;

    /// <summary>Количество; null when the file gives only per-warehouse stock (or nothing).</summary>
    public decimal? Quantity { get; init; }
    public ValueList<Stock> Stocks { get; init; } = ValueList<Stock>.Empty;

    /// <summary>Total stock: Количество, else the sum of per-warehouse rows.</summary>
    public decimal? TotalQuantity => Quantity ?? (Stocks.Count == 0 ? null : Stocks.Sum(s => s.Quantity ?? 0));
}

/// <summary>Единица of a document line: a plain text ("шт") or an element (Ид, НаименованиеКраткое, Код, НаименованиеПолное).</summary>
public sealed record LineUnit
{
    public string? Text { get; init; }
    public string? Id { get; init; }
    public string? Code { get; init; }
    public string? ShortName { get; init; }
    public string? FullName { get; init; }
}

/// <summary>A document's Товар line.</summary>
public sealed record DocumentLine : ProductBase
{
    public string? CatalogId { get; init; }
    public string? ClassifierId { get; init; }

    /// <summary>ЦенаЗаЕдиницу (some 1C exports write Цена).</summary>
    public decimal? PricePerUnit { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? Sum { get; init; }
    public LineUnit? Unit { get; init; }
    public decimal? Coefficient { get; init; }
    public ValueList<Tax> Taxes { get; init; } = ValueList<Tax>.Empty;
    public ValueList<Discount> Discounts { get; init; } = ValueList<Discount>.Empty;
}

/// <summary>Оплата of a 2.09 document.</summary>
public sealed record Payment
{
    public string? DocumentNumber { get; init; }
    public string? TransactionNumber { get; init; }
    public DateTime? Date { get; init; }
    public decimal? Sum { get; init; }
    public string? Method { get; init; }
    public string? MethodId { get; init; }
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>ХозОперация values of CommerceML 2.08–2.10.</summary>
public enum DocumentOperation
{
    Unknown = 0,
    GoodsOrder,
    InvoiceForPayment,
    GoodsRelease,
    TaxInvoice,
    GoodsReturn,
    CommissionTransfer,
    CommissionGoodsReturn,
    CommissionSalesReport,
    CommissionWriteOffReport,
    CashPayment,
    CashRefund,
    CashlessPayment,
    CashlessRefund,
    Revaluation,
    RightsTransfer,
    Other,
}

/// <summary>Документ: an order or any other operation, with its counterparties, lines and requisites.</summary>
public sealed record Document : CommerceMLItem
{
    public string? Id { get; init; }
    public string? VersionNumber { get; init; }
    public bool? DeletionMark { get; init; }
    public string? Number { get; init; }
    public DateOnly? Date { get; init; }
    public TimeOnly? Time { get; init; }
    public string? Number1C { get; init; }
    public DateOnly? Date1C { get; init; }

    /// <summary>ХозОперация as written; see <see cref="OperationKind"/>.</summary>
    public string? Operation { get; init; }
    public string? Role { get; init; }
    public string? Currency { get; init; }
    public decimal? Rate { get; init; }
    public decimal? Sum { get; init; }
    public ValueList<Counterparty> Counterparties { get; init; } = ValueList<Counterparty>.Empty;
    public DateOnly? PaymentDue { get; init; }
    public string? Comment { get; init; }
    public ValueList<Tax> Taxes { get; init; } = ValueList<Tax>.Empty;
    public ValueList<Discount> Discounts { get; init; } = ValueList<Discount>.Empty;
    public ValueList<Warehouse> Warehouses { get; init; } = ValueList<Warehouse>.Empty;
    public ValueList<DocumentLine> Lines { get; init; } = ValueList<DocumentLine>.Empty;
    public ValueList<Requisite> Requisites { get; init; } = ValueList<Requisite>.Empty;

    /// <summary>Оплаты (2.09 only).</summary>
    public ValueList<Payment> Payments { get; init; } = ValueList<Payment>.Empty;

    /// <summary>ПодчиненныеДокументы (2.10): payments and shipments entered on the basis of this order.</summary>
    public ValueList<Document> SubordinateDocuments { get; init; } = ValueList<Document>.Empty;

    public DocumentOperation OperationKind => CommerceMLValues.ParseOperation(Operation);

    public string? CurrencyCode => CommerceMLValues.NormalizeCurrency(Currency);

    /// <summary>ПометкаУдаления as an element or as a requisite (1C → site orders use the requisite).</summary>
    public bool IsDeleted => DeletionMark == true
        || (CommerceMLValues.TryParseBoolean(RequisiteValue("ПометкаУдаления"), out var marked) && marked);

    public string? RequisiteValue(string name) =>
        Requisites.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}

/// <summary>An unknown element directly under the root, kept whole.</summary>
public sealed record UnknownElement(CommerceMLExtra Element) : CommerceMLItem;
