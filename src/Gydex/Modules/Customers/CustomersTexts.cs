namespace Gydex.Modules.Customers;

/// <summary>The customer base's texts; Russian in CustomersTexts.ru.resx.</summary>
public sealed class CustomersTexts;
