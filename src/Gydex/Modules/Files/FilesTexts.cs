namespace Gydex.Modules.Files;

/// <summary>Resource anchor for the file storage's UI text: keys are the English text, FilesTexts.ru.resx holds Russian.</summary>
public sealed class FilesTexts;
