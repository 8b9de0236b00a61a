using Gydex.Bench.Journal;
using Gydex.Kernel.Persistence;
using static Gydex.Bench.Journal.JournalBench;

namespace Gydex.Bench.Files;

/// <summary>
/// The file storage's benchmarks: <c>listing</c> (a folder of 10 000 subfolders with rights of their own, listed
/// for a user in 20 groups against the same listing for an administrator).
/// <code>
/// files --postgres "Host=127.0.0.1;Port=55443;Username=postgres" [--sqlite] [--subfolders 10000] [--rounds 31]
///       [--elsewhere 0] (folders with 3 entries each in the rest of the organization)
/// </code>
/// </summary>
internal static class FilesBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = Text(args, "--postgres");
        var sqlite = args.Contains("--sqlite");
        var subfolders = Number(args, "--subfolders", 10_000);
        var rounds = Number(args, "--rounds", 31);
        var elsewhere = Number(args, "--elsewhere", 0);
        var dataPath = Path.Combine(Path.GetTempPath(), "gydex-files-bench");
        Directory.CreateDirectory(dataPath);
        if (postgres is null && !sqlite)
        {
            Console.Error.WriteLine("Give --postgres \"Host=…;Port=…;Username=…\" and/or --sqlite.");
            return 2;
        }

        Console.WriteLine(string.Create(C, $"gydex files bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        if (postgres is not null)
        {
            await using var host = BenchHost.Create(StorageProvider.Postgres, postgres, dataPath);
            await ListingBench.RunAsync(host, subfolders, rounds, elsewhere);
        }

        if (sqlite)
        {
            await using var host = BenchHost.Create(StorageProvider.Sqlite, null, dataPath);
            await ListingBench.RunAsync(host, subfolders, rounds, elsewhere);
        }

        return 0;
    }

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Number(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, C) : fallback;
}
