namespace Gydex.Modules.Sales;

/// <summary>Resource anchor for the sales UI text: keys are the English text, SalesTexts.ru.resx holds Russian.</summary>
public sealed class SalesTexts;
