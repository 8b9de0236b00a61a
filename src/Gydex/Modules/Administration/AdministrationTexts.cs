namespace Gydex.Modules.Administration;

/// <summary>Resource anchor for the module's UI text: keys are the English text, AdministrationTexts.ru.resx holds Russian.</summary>
public sealed class AdministrationTexts;
