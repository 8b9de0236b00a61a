using System.Runtime.CompilerServices;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Gydex.Kernel.Lists;

public enum TableFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Tables in and out of CSV (CsvHelper: separator detected, formula injection escaped on writing) and Excel
/// (Open XML SDK, read and written with its SAX-style reader and writer, so a big sheet is never a DOM; the SDK
/// resolves no DTDs). A module exports and imports with these, never with code of its own.
/// </summary>
public static class TableFiles
{
    /// <summary>A record longer than this is hostile (an unclosed quote at the top of a big file) and stops the read.</summary>
    public const int MaxRecordBytes = 1 << 20;

    public static TableFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".CSV" or ".TXT" => TableFormat.Csv,
        ".XLSX" => TableFormat.Xlsx,
        _ => null,
    };

    public static string ContentType(TableFormat format) =>
        format == TableFormat.Csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true);
        await foreach (var row in rows.WithCancellation(cancellationToken))
            await csv.WriteRecordAsync(row, cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Writes an .xlsx to a seekable <paramref name="output"/> (a zip is written with seeks); text cells are inline strings.</summary>
    public static async Task WriteXlsxAsync(Stream output, string sheetName, IAsyncEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                writer.WriteStartElement(new Row());
                foreach (var value in row)
                    writer.WriteElement(new Cell(new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString });
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook.AppendChild(new Sheets(new Sheet
        {
            Id = workbook.GetIdOfPart(sheet), SheetId = 1,
            Name = new string(sheetName.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal)).Take(31).ToArray()),
        }));
        workbook.Workbook.Save();
    }

    /// <summary>The rows of a file, the header included, each cell as text.</summary>
    public static IAsyncEnumerable<string[]> ReadAsync(string path, TableFormat format, CancellationToken cancellationToken) =>
        format == TableFormat.Csv ? ReadCsvAsync(path, cancellationToken) : ReadXlsx(path, cancellationToken);

    private static async IAsyncEnumerable<string[]> ReadCsvAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false, MaxRecordSize = MaxRecordBytes, TrimWhitespace = true }, false);
        while (await csv.ReadAsync(cancellationToken))
        {
            var row = new string[csv.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = csv.GetString(i);
            yield return row;
        }
    }

    private static async IAsyncEnumerable<string[]> ReadXlsx(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The file has no workbook.");
        var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()?.Id?.Value ?? throw new InvalidDataException("The workbook has no sheet.");
        var sheet = (WorksheetPart)workbook.GetPartById(first);
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        using var reader = OpenXmlReader.Create(sheet);
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var index = ColumnIndex(cell.CellReference?.Value);
                while (index is { } i && cells.Count < i)
                    cells.Add("");
                cells.Add(ValueOf(cell, shared));
            }

            yield return [.. cells];
        }
    }

    private static string ValueOf(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count)
            return shared[i];
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>"C7" → 2: cells a sheet leaves out (empty ones) keep their columns.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
            index = (index * 26) + (c - 'A' + 1);
        return index == 0 ? null : index - 1;
    }
}
