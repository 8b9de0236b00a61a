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
            if (!await InspectAsync(file, output, cancellationToken).ConfigureAwait(false))
                exitCode = Unreadable;
        }
        return exitCode;
    }

    /// <summary>
    /// Streams one file's report: the header, then each warning as it is found (so that every problem is printed,
    /// however many), then the counts and the result. Returns whether the file was read to its end.
    /// </summary>
    private static async Task<bool> InspectAsync(string file, TextWriter output, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(file).ConfigureAwait(false);
        var statistics = new CommerceMLStatistics();
        var early = new List<CommerceMLProblem>();
        var headerPrinted = false;
        var problemCount = 0;
        CommerceMLProblem? failure = null;
        var options = new CommerceMLReaderOptions
        {
            MaxProblemsKept = 0,
            ProblemHandler = problem =>
            {
                problemCount++;
                if (headerPrinted)
                    output.WriteLine($"  warning: {problem}");
                else
                    early.Add(problem);
                return ProblemAction.Continue;
            },
        };
        CommerceMLReader? reader = null;
        try
        {
            reader = CommerceMLReader.OpenFile(file, options);
            await foreach (var item in reader.ReadItemsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item is CommerceMLHeader header)
                {
                    await output.WriteAsync(FormatHeader(header)).ConfigureAwait(false);
                    foreach (var problem in early)
                        await output.WriteLineAsync($"  warning: {problem}").ConfigureAwait(false);
                    early.Clear();
                    headerPrinted = true;
                }
                statistics.Add(item);
            }
        }
        catch (CommerceMLException e)
        {
            failure = e.Problem;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = new CommerceMLProblem(CommerceMLProblemSeverity.Fatal, "cannot open the file: " + e.Message, 0, 0, "", null);
        }
        finally
        {
            reader?.Dispose();
        }
        foreach (var problem in early)
            await output.WriteLineAsync($"  warning: {problem}").ConfigureAwait(false);
        await output.WriteAsync(FormatCounts(statistics)).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"  problems: {problemCount}")).ConfigureAwait(false);
        await output.WriteAsync(FormatResult(failure)).ConfigureAwait(false);
        return failure is null;
    }

    private static string FormatHeader(CommerceMLHeader header)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"  schema version: {(header.SchemaVersion.Length == 0 ? "(missing)" : header.SchemaVersion)}");
        w.WriteLine($"  encoding: {header.Encoding}{(header.HasByteOrderMark ? " (with BOM)" : "")}");
        w.WriteLine($"  namespace: {(header.Namespace.Length == 0 ? "(none)" : header.Namespace)}");
        if (header.GeneratedAt is { } generated)
            w.WriteLine($"  generated: {CommerceMLValues.FormatDateTime(generated)}");
        return w.ToString();
    }

    private static string FormatCounts(CommerceMLStatistics s)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine(string.Create(c, $"  groups: {s.Groups}, properties: {s.Properties}, price types: {s.PriceTypes}, warehouses: {s.Warehouses}, units: {s.Units}"));
        w.WriteLine(string.Create(c, $"  products: {s.Products} (deleted: {s.DeletedProducts}), offers: {s.Offers}, prices: {s.Prices}, stock rows: {s.StockRows}"));
        w.WriteLine(string.Create(c, $"  documents: {s.Documents} (lines: {s.DocumentLines}), counterparties: {s.Counterparties}, unknown elements: {s.UnknownElements}"));
        return w.ToString();
    }

    private static string FormatResult(CommerceMLProblem? failure) => failure is null
        ? "  result: OK" + Environment.NewLine
        : $"  error: {failure}{Environment.NewLine}  result: NOT READ — the counts above cover only what came before the error{Environment.NewLine}";

    /// <summary>The same report for an inspection already made (warnings limited to those it kept).</summary>
    public static string Format(CommerceMLInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine(inspection.File);
        if (inspection.Header is { } header)
            w.Write(FormatHeader(header));
        foreach (var problem in inspection.Problems)
            w.WriteLine($"  warning: {problem}");
        if (inspection.ProblemCount > inspection.Problems.Count)
            w.WriteLine(string.Create(c, $"  … and {inspection.ProblemCount - inspection.Problems.Count} more warnings"));
        w.Write(FormatCounts(inspection.Statistics));
        w.WriteLine(string.Create(c, $"  problems: {inspection.ProblemCount}"));
        w.Write(FormatResult(inspection.Failure));
        return w.ToString();
    }
}
