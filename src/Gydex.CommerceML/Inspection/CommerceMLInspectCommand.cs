using System.Globalization;

namespace Gydex.CommerceML.Inspection;

/// <summary>
/// <c>gydex commerceml inspect FILE…</c>: what support staff run on a customer's unloading. Prints per file its
/// version, encoding, namespace, counts and every problem with line and position.
/// </summary>
public static class CommerceMLInspectCommand
{
    public const int Success = 0;
    public const int Unreadable = 1;
    public const int Usage = 2;

    /// <summary>Returns the process exit code: 0 when every file was read, 1 when one was not, 2 without files.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> files, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        if (files.Count == 0)
        {
            await output.WriteLineAsync("usage: commerceml inspect FILE…").ConfigureAwait(false);
            return Usage;
        }
        var exitCode = Success;
        foreach (var file in files)
        {
            var inspection = await CommerceMLInspection.InspectFileAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(Format(inspection)).ConfigureAwait(false);
            if (!inspection.IsReadable)
                exitCode = Unreadable;
        }
        return exitCode;
    }

    public static string Format(CommerceMLInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine(inspection.File);
        if (inspection.Header is { } header)
        {
            w.WriteLine($"  schema version: {(header.SchemaVersion.Length == 0 ? "(missing)" : header.SchemaVersion)}");
            w.WriteLine($"  encoding: {header.Encoding}{(header.HasByteOrderMark ? " (with BOM)" : "")}");
            w.WriteLine($"  namespace: {(header.Namespace.Length == 0 ? "(none)" : header.Namespace)}");
            if (header.GeneratedAt is { } generated)
                w.WriteLine($"  generated: {CommerceMLValues.FormatDateTime(generated)}");
        }
        var s = inspection.Statistics;
        w.WriteLine(string.Create(c, $"  groups: {s.Groups}, properties: {s.Properties}, price types: {s.PriceTypes}, warehouses: {s.Warehouses}, units: {s.Units}"));
        w.WriteLine(string.Create(c, $"  products: {s.Products} (deleted: {s.DeletedProducts}), offers: {s.Offers}, prices: {s.Prices}, stock rows: {s.StockRows}"));
        w.WriteLine(string.Create(c, $"  documents: {s.Documents} (lines: {s.DocumentLines}), counterparties: {s.Counterparties}, unknown elements: {s.UnknownElements}"));
        w.WriteLine(string.Create(c, $"  problems: {inspection.ProblemCount}"));
        foreach (var problem in inspection.Problems)
            w.WriteLine($"    warning: {problem}");
        if (inspection.ProblemCount > inspection.Problems.Count)
            w.WriteLine(string.Create(c, $"    … and {inspection.ProblemCount - inspection.Problems.Count} more"));
        if (inspection.Failure is { } failure)
        {
            w.WriteLine($"  error: {failure}");
            w.WriteLine("  result: NOT READ — the counts above cover only what came before the error");
        }
        else
        {
            w.WriteLine("  result: OK");
        }
        return w.ToString();
    }
}
