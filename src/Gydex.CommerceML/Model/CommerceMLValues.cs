using System.Globalization;

namespace Gydex.CommerceML;

/// <summary>Lenient parsing of the value formats real 1C files use, and the invariant formats the writer emits.</summary>
public static class CommerceMLValues
{
    // One-digit hours (2014-06-01T0:36:33) and a space instead of T are seen in real files; XmlConvert rejects both.
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'H:mm:ss", "yyyy-MM-dd'T'H:mm:ss.FFFFFFF", "yyyy-MM-dd'T'H:mm",
        "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd H:mm:ss.FFFFFFF", "yyyy-MM-dd H:mm",
        "yyyy-MM-dd", "dd.MM.yyyy H:mm:ss", "dd.MM.yyyy",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'H:mm:sszzz", "yyyy-MM-dd'T'H:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'H:mm:ss'Z'", "yyyy-MM-dd'T'H:mm:ss.FFFFFFF'Z'",
    ];

    private static readonly string[] TimeFormats = ["H:mm:ss", "H:mm:ss.FFFFFFF", "H:mm"];

    private static readonly (string Name, DocumentOperation Kind)[] Operations =
    [
        ("Заказ товара", DocumentOperation.GoodsOrder),
        ("Счет на оплату", DocumentOperation.InvoiceForPayment),
        ("Отпуск товара", DocumentOperation.GoodsRelease),
        ("Счет-фактура", DocumentOperation.TaxInvoice),
        ("Возврат товара", DocumentOperation.GoodsReturn),
        ("Передача товара на комиссию", DocumentOperation.CommissionTransfer),
        ("Возврат комиссионного товара", DocumentOperation.CommissionGoodsReturn),
        ("Отчет о продажах комиссионного товара", DocumentOperation.CommissionSalesReport),
        ("Отчет о списании комиссионного товара", DocumentOperation.CommissionWriteOffReport),
        ("Выплата наличных денег", DocumentOperation.CashPayment),
        ("Возврат наличных денег", DocumentOperation.CashRefund),
        ("Выплата безналичных денег", DocumentOperation.CashlessPayment),
        ("Возврат безналичных денег", DocumentOperation.CashlessRefund),
        ("Переоценка товаров", DocumentOperation.Revaluation),
        ("Передача прав", DocumentOperation.RightsTransfer),
        ("Прочие", DocumentOperation.Other),
    ];

    /// <summary>Decimal with a point or a comma, spaces (also no-break) as group separators.</summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var span = text.AsSpan().Trim();
        if (decimal.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
            return true;
        Span<char> buffer = span.Length <= 128 ? stackalloc char[span.Length] : new char[span.Length];
        var length = 0;
        var hasPoint = span.Contains('.');
        foreach (var c in span)
        {
            if (c is ' ' or '\u00A0' or '\u202F')
                continue;
            if (c == ',')
            {
                if (hasPoint)
                    continue; // "1,234.56": the comma groups thousands
                buffer[length++] = '.';
                continue;
            }
            buffer[length++] = c;
        }
        return decimal.TryParse(buffer[..length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Date-time as 1C writes it; date-only values give midnight. The empty 1C date 0001-01-01 is not a date.</summary>
    public static bool TryParseDateTime(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        if (DateTime.TryParseExact(s, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            value = parsed.Date == DateTime.MinValue.Date ? null : parsed;
            return true;
        }
        if (DateTimeOffset.TryParseExact(s, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset))
        {
            value = offset.DateTime.Date == DateTime.MinValue.Date ? null : offset.DateTime;
            return true;
        }
        return false;
    }

    /// <summary>A date (a time part, if any, is dropped); 0001-01-01 is "no date".</summary>
    public static bool TryParseDate(string? text, out DateOnly? value)
    {
        value = null;
        if (!TryParseDateTime(text, out var dateTime))
            return false;
        value = dateTime is { } d ? DateOnly.FromDateTime(d) : null;
        return true;
    }

    public static bool TryParseTime(string? text, out TimeOnly? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (TimeOnly.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            value = time;
            return true;
        }
        if (TryParseDateTime(text, out var dateTime) && dateTime is { } d)
        {
            value = TimeOnly.FromDateTime(d);
            return true;
        }
        return false;
    }

    public static bool TryParseBoolean(string? text, out bool value)
    {
        value = false;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "TRUE" or "1" or "ДА" or "ИСТИНА" or "Y" or "YES":
                value = true;
                return true;
            case "FALSE" or "0" or "НЕТ" or "ЛОЖЬ" or "N" or "NO":
                return true;
            default:
                return false;
        }
    }

    /// <summary>ISO 4217 code for Валюта: ISO codes pass, «руб»/«руб.»/RUR/643 become RUB.</summary>
    public static string? NormalizeCurrency(string? currency)
    {
        if (string.IsNullOrWhiteSpace(currency))
            return null;
        var c = currency.Trim().TrimEnd('.').ToUpperInvariant();
        return c switch
        {
            "РУБ" or "РУБЛЬ" or "RUR" or "643" or "Р" or "₽" => "RUB",
            "USD" or "ДОЛЛ" or "$" or "840" => "USD",
            "EUR" or "ЕВРО" or "€" or "978" => "EUR",
            "ГРН" or "980" => "UAH",
            "ТЕНГЕ" or "ТГ" or "398" => "KZT",
            "BYR" or "BYN" or "933" => "BYN",
            _ => c,
        };
    }

    public static DocumentOperation ParseOperation(string? operation)
    {
        if (string.IsNullOrWhiteSpace(operation))
            return DocumentOperation.Unknown;
        var trimmed = operation.Trim();
        foreach (var (name, kind) in Operations)
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
                return kind;
        }
        return DocumentOperation.Unknown;
    }

    /// <summary>The ХозОперация text for a kind (null for <see cref="DocumentOperation.Unknown"/>).</summary>
    public static string? OperationName(DocumentOperation kind)
    {
        foreach (var (name, k) in Operations)
        {
            if (k == kind)
                return name;
        }
        return null;
    }

    public static string FormatDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FormatDateTime(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FormatTime(TimeOnly value) => value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string FormatBoolean(bool value) => value ? "true" : "false";
}
