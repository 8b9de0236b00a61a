using System.Runtime.CompilerServices;
using System.Text;
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

/// <summary>The text encoding of a CSV file: detected, or chosen by the user when the detection guessed wrong.</summary>
public enum TextEncoding
{
    Auto,
    Utf8,

    /// <summary>What 1C and Excel in Russia save CSV in ("CSV (разделители — запятые)").</summary>
    Windows1251,
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

    /// <summary>Windows-1251 from the code pages that ship with .NET (not registered globally: nothing else should decode with it by accident).</summary>
    public static Encoding Windows1251 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

    /// <summary>
    /// The encoding of a CSV file: a byte order mark says UTF-8 or UTF-16; otherwise a file that is valid UTF-8
    /// throughout is UTF-8, and any other is Windows-1251 (Cyrillic in 1251 is almost never valid UTF-8). The whole
    /// file is checked — a 1C unloading may have a Latin header and Cyrillic only further down.
    /// </summary>
    public static async Task<TextEncoding> DetectEncodingAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        var chars = new char[buffer.Length + 2];
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var first = true;
        int read;
        try
        {
            while ((read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                if (first)
                {
                    first = false;
                    if (buffer.AsSpan(0, read).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
                        || buffer.AsSpan(0, read).StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || buffer.AsSpan(0, read).StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
                        return TextEncoding.Utf8; // a BOM: the reader honours it (UTF-16 included)
                }

                decoder.GetChars(buffer.AsSpan(0, read), chars, flush: false);
            }

            decoder.GetChars([], chars, flush: true);
            return TextEncoding.Utf8;
        }
        catch (DecoderFallbackException)
        {
            return TextEncoding.Windows1251;
        }
    }

    /// <summary>The rows of a file, the header included, each cell as text; a CSV file's encoding detected.</summary>
    public static IAsyncEnumerable<string[]> ReadAsync(string path, TableFormat format, CancellationToken cancellationToken) =>
        ReadAsync(path, format, TextEncoding.Auto, cancellationToken);

    /// <summary>The rows of a file, the header included, each cell as text; a CSV file read in <paramref name="encoding"/>.</summary>
    public static IAsyncEnumerable<string[]> ReadAsync(string path, TableFormat format, TextEncoding encoding, CancellationToken cancellationToken) =>
        format == TableFormat.Csv ? ReadCsvAsync(path, encoding, cancellationToken) : ReadXlsx(path, cancellationToken);

    private static async IAsyncEnumerable<string[]> ReadCsvAsync(string path, TextEncoding encoding, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (encoding == TextEncoding.Auto)
            encoding = await DetectEncodingAsync(path, cancellationToken);
        await using var stream = File.OpenRead(path);
        // Separator (, ; tab |) detected by CsvHelper from the first lines; UTF-8 with byte order marks honoured when no encoding is given.
        var options = new CsvReaderOptions
        {
            HasHeader = false, MaxRecordSize = MaxRecordBytes, TrimWhitespace = true,
            Encoding = encoding == TextEncoding.Windows1251 ? Windows1251 : null,
        };
        await using var csv = CsvReader.Create(stream, options, false);
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
