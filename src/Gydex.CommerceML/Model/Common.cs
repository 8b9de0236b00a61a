namespace Gydex.CommerceML;

/// <summary>
/// An element or attribute the reader does not model, kept so that nothing 1C sent is lost.
/// Attributes are named with a leading <c>@</c>; <see cref="Value"/> is the element's own text.
/// </summary>
public sealed record CommerceMLExtra(string Name, string? Value, ValueList<CommerceMLExtra> Children)
{
    public CommerceMLExtra(string name, string? value)
        : this(name, value, ValueList<CommerceMLExtra>.Empty)
    {
    }

    public bool IsAttribute => Name.StartsWith('@');
}

/// <summary>Base of every record the reader yields and the writer accepts.</summary>
public abstract record CommerceMLItem
{
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>Splitting of 1C identifiers joined with <c>#</c> (product#characteristic).</summary>
public static class CommerceMLId
{
    public static string? ProductPart(string? id)
    {
        if (id is null)
            return null;
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? id : id[..hash];
    }

    /// <summary>The part after the first <c>#</c>, or null when there is none or it is empty (a catalog id "guid#").</summary>
    public static string? CharacteristicPart(string? id)
    {
        if (id is null)
            return null;
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 || hash == id.Length - 1 ? null : id[(hash + 1)..];
    }

    public static string Join(string productId, string? characteristicId) =>
        string.IsNullOrEmpty(characteristicId) ? productId : productId + "#" + characteristicId;
}

/// <summary>A named requisite (ЗначениеРеквизита): 1C may give several values.</summary>
public sealed record Requisite(string Name, ValueList<string> Values)
{
    public Requisite(string name, string value)
        : this(name, [value])
    {
    }

    public string? Value => Values.Count > 0 ? Values[0] : null;
}

/// <summary>A property value of a product or offer (ЗначенияСвойства); a Справочник value is the option's id.</summary>
public sealed record PropertyValue(string Id, string? Name, ValueList<string> Values)
{
    public string? Value => Values.Count > 0 ? Values[0] : null;
}

/// <summary>ХарактеристикаТовара: a variant's attribute such as size or colour.</summary>
public sealed record Characteristic(string? Id, string? Name, string? Value);

/// <summary>СтавкаНалога; the rate stays text because 1C writes "18", "18%" or "Без НДС".</summary>
public sealed record TaxRate(string? Name, string? Rate)
{
    public decimal? RateValue => CommerceMLValues.TryParseDecimal(Rate?.TrimEnd('%'), out var value) ? value : null;
}

/// <summary>Налог of a document, a line or a price type.</summary>
public sealed record Tax
{
    public string? Name { get; init; }
    public bool? IncludedInSum { get; init; }
    public decimal? Sum { get; init; }
    public string? Rate { get; init; }
    public bool? Excise { get; init; }
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>Скидка of a document or a line.</summary>
public sealed record Discount
{
    public string? Name { get; init; }
    public decimal? Sum { get; init; }
    public decimal? Percent { get; init; }
    public bool? IncludedInSum { get; init; }
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>БазоваяЕдиница: old files give only the text ("шт"), newer ones attributes and Пересчет.</summary>
public sealed record BaseUnit
{
    public string? Code { get; init; }
    public string? FullName { get; init; }
    public string? InternationalAbbreviation { get; init; }
    public string? ShortName { get; init; }
    public string? Text { get; init; }
    public ValueList<UnitConversion> Conversions { get; init; } = ValueList<UnitConversion>.Empty;
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>Пересчет: how many base units one <see cref="Unit"/> holds.</summary>
public sealed record UnitConversion(string? Unit, decimal? Factor);

/// <summary>АдресноеПоле.</summary>
public sealed record AddressField(string? Type, string? Value);

public sealed record Address
{
    public string? Presentation { get; init; }
    public ValueList<AddressField> Fields { get; init; } = ValueList<AddressField>.Empty;
    public string? Comment { get; init; }
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>Контакт; <see cref="Type"/> is kept as written (1C: "Телефон рабочий", some sites "ТелефонРабочий").</summary>
public sealed record Contact(string? Type, string? Value, string? Comment);

public sealed record Bank
{
    public string? Name { get; init; }
    public string? CorrespondentAccount { get; init; }
    public string? Bic { get; init; }
    public Address? Address { get; init; }
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>РасчетныйСчет.</summary>
public sealed record BankAccount
{
    public string? Number { get; init; }
    public Bank? Bank { get; init; }
    public Bank? CorrespondentBank { get; init; }
    public ValueList<CommerceMLExtra> Extras { get; init; } = ValueList<CommerceMLExtra>.Empty;
}

/// <summary>Представитель: 2.03 nests a Контрагент inside, later files put the fields directly.</summary>
public sealed record Representative(string? Relation, string? Id, string? Name);
