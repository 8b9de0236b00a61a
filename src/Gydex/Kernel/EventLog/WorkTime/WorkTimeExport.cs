using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Gydex.Kernel.EventLog.WorkTime;

/// <summary>
/// A report as a file: one row per employee per day. Column names are fixed English identifiers (what scripts and
/// formulas refer to); times are in the organization's zone; active time is given in minutes and in hours.
/// </summary>
public static class WorkTimeExport
{
    public static readonly string[] Columns = ["date", "employee", "department", "first", "last", "activeMinutes", "activeHours", "actions"];

    public static async Task WriteCsvAsync(WorkTimeResult result, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Names are typed by people: a cell a spreadsheet would run as a formula is escaped.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true);
        await csv.WriteRecordAsync(Columns, cancellationToken);
        foreach (var day in result.Report.Days)
        {
            var employee = result.Employee(day.UserId);
            await csv.WriteRecordAsync(
            [
                day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                employee.Name,
                employee.Department ?? "",
                day.First.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                day.Last.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                Minutes(day).ToString("0.##", CultureInfo.InvariantCulture),
                Hours(day).ToString("0.##", CultureInfo.InvariantCulture),
                day.Actions.ToString(CultureInfo.InvariantCulture),
            ], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the workbook with the SAX-style writer (rows are not built as a DOM). Dates and times are real
    /// spreadsheet dates with a format, so they sort and sum; text cells are inline strings, which a formula never is.
    /// </summary>
    public static void WriteXlsx(WorkTimeResult result, Stream output, string sheetName)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, Columns.Select(c => Text(c)));
            foreach (var day in result.Report.Days)
            {
                var employee = result.Employee(day.UserId);
                WriteRow(writer,
                [
                    Number(day.Day.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle),
                    Text(employee.Name),
                    Text(employee.Department ?? ""),
                    Number(day.First.TimeOfDay.TotalDays, TimeStyle),
                    Number(day.Last.TimeOfDay.TotalDays, TimeStyle),
                    Number(Math.Round(Minutes(day), 2)),
                    Number(Math.Round(Hours(day), 2)),
                    Number(day.Actions),
                ]);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook.AppendChild(new Sheets(new Sheet
        {
            Id = workbook.GetIdOfPart(sheet),
            SheetId = 1,
            // Excel refuses a sheet name over 31 characters or with any of []:*?/\
            Name = new string(sheetName.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal)).Take(31).ToArray()),
        }));
        workbook.Workbook.Save();
    }

    private const uint DateStyle = 1;
    private const uint TimeStyle = 2;

    private static double Minutes(WorkDay day) => day.Active.TotalMinutes;

    private static double Hours(WorkDay day) => day.Active.TotalHours;

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "hh:mm:ss" }) { Count = 2 },
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 3 });

    private static Cell Text(string value) =>
        new(new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString };

    private static Cell Number(double value, uint style = 0) =>
        new(new CellValue(value.ToString("R", CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style == 0 ? null : style };

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<Cell> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
            writer.WriteElement(cell);
        writer.WriteEndElement();
    }
}
