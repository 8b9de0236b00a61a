namespace Gydex.Kernel.Web;

/// <summary>Resource anchor for the kernel's UI text: keys are the English text, WebTexts.ru.resx holds Russian.</summary>
public sealed class WebTexts;
