namespace Gydex.CommerceML;

/// <summary>
/// Names of the order requisites (ЗначенияРеквизитов) 1C modules understand, site → 1C and 1C → site, and helpers
/// that format their values the way 1C reads them.
/// </summary>
public static class OrderRequisites
{
    // Site → 1C (official samples, Bitrix output).
    public const string Status = "Статус заказа";
    public const string StatusId = "Статуса заказа ИД";
    public const string StatusChangedAt = "Дата изменения статуса";
    public const string Paid = "Заказ оплачен";
    public const string PaymentDate = "Дата оплаты";
    public const string PaymentDocumentNumber = "Номер платежного документа";
    public const string PaymentMethod = "Метод оплаты";
    public const string PaymentMethodId = "Метод оплаты ИД";
    public const string DeliveryAllowed = "Доставка разрешена";
    public const string DeliveryAllowedDate = "Дата разрешения доставки";
    public const string DeliveryMethod = "Способ доставки";
    public const string DeliveryMethodId = "Метод доставки ИД";
    public const string DeliveryAddress = "Адрес доставки";
    public const string Cancelled = "Отменен";
    public const string FinalStatus = "Финальный статус";
    public const string Site = "Сайт";

    // 1C → site (1C exports 2.08/2.09).
    public const string Number1C = "Номер по 1С";
    public const string Date1C = "Дата по 1С";
    public const string DeletionMark = "ПометкаУдаления";
    public const string Posted = "Проведен";
    public const string PaidIn1C = "Оплачен";
    public const string PaymentNumber1C = "Номер оплаты по 1С";
    public const string PaymentDate1C = "Дата оплаты по 1С";
    public const string Shipped = "Отгружен";
    public const string ShipmentNumber1C = "Номер отгрузки по 1С";
    public const string ShipmentDate1C = "Дата отгрузки по 1С";

    public static Requisite Text(string name, string value) => new(name, value);

    public static Requisite Flag(string name, bool value) => new(name, CommerceMLValues.FormatBoolean(value));

    /// <summary>1C module format for dates in requisites: "yyyy-MM-dd HH:mm:ss".</summary>
    public static Requisite Date(string name, DateTime value) =>
        new(name, value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>"[code] name", the form Bitrix and 1C modules use for Статус заказа.</summary>
    public static Requisite StatusOf(string code, string name) => new(Status, $"[{code}] {name}");
}
