using System.Diagnostics;
using System.Globalization;
using Gydex.Kernel.Persistence;

namespace Gydex.Bench.Journal;

/// <summary>
/// The event log's database benchmarks, each against a baseline measured in the same run:
/// <c>write</c> (audited create vs the same insert without the journal), <c>paging</c> (page 1000 vs page 1 of
/// filtered views over 10M records) and <c>verify</c> (the verifier vs a raw read of the same rows).
/// <code>
/// journal --postgres "Host=127.0.0.1;Port=55439;Username=postgres" [--only write,paging,verify] [--sqlite]
///         [--writes 1000] [--rounds 3] [--paging-records 10000000] [--reuse-paging] [--verify-records 1000000]
/// </code>
/// </summary>
internal static class JournalBench
{
    public static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = Text(args, "--postgres");
        var only = (Text(args, "--only") ?? "write,paging,verify").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sqlite = args.Contains("--sqlite");
        var writes = Number(args, "--writes", 1000);
        var rounds = Number(args, "--rounds", 3);
        var pagingRecords = Number(args, "--paging-records", 10_000_000);
        var verifyRecords = Number(args, "--verify-records", 1_000_000);
        var dataPath = Path.Combine(Path.GetTempPath(), "gydex-journal-bench");
        Directory.CreateDirectory(dataPath);

        Console.WriteLine(string.Create(C, $"gydex journal bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        if (postgres is not null)
        {
            await using var host = BenchHost.Create(StorageProvider.Postgres, postgres, dataPath);
            if (only.Contains("write"))
                await WriteBench.RunAsync(host, writes, rounds, parallel: 4);
            if (only.Contains("paging"))
                await PagingBench.RunAsync(host, pagingRecords, args.Contains("--reuse-paging"));
            if (only.Contains("verify"))
                await VerifyBench.RunAsync(host, verifyRecords, rounds);
        }

        if (sqlite)
        {
            await using var host = BenchHost.Create(StorageProvider.Sqlite, null, dataPath);
            if (only.Contains("write"))
                await WriteBench.RunAsync(host, writes, rounds, parallel: 0);
            if (only.Contains("verify"))
                await VerifyBench.RunAsync(host, verifyRecords, rounds);
        }

        if (postgres is null && !sqlite)
        {
            Console.Error.WriteLine("Give --postgres \"Host=…;Port=…;Username=…\" and/or --sqlite.");
            return 2;
        }

        return 0;
    }

    public static string Header(string title)
    {
        Console.WriteLine();
        Console.WriteLine("## " + title);
        return title;
    }

    public static void Line(FormattableString text) => Console.WriteLine(text.ToString(C));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed;
    }

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Number(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, C) : fallback;
}
