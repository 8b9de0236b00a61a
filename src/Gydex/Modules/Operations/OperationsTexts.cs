namespace Gydex.Modules.Operations;

/// <summary>Resource anchor for the Operations module's UI text: keys are the English text, OperationsTexts.ru.resx holds Russian.</summary>
public sealed class OperationsTexts;
