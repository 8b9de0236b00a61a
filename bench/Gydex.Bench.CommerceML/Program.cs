using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Gydex.CommerceML;
using Gydex.CommerceML.Inspection;
using Gydex.CommerceML.Synthetic;

namespace Gydex.Bench.CommerceML;

/// <summary>
/// Side-by-side throughput of a bare XmlReader.Read() scan and full typed CommerceML reading of the same generated
/// import.xml + offers.xml, and peak memory of typed reading for a small and a large package (a child process each).
/// A plain harness rather than BenchmarkDotNet: one pass over a gigabyte is the measurement, not a micro-benchmark.
/// </summary>
public static class Program
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "measure-memory")
            return MeasureMemory(args[1..]);
        var largeMb = Option(args, "--large-mb", 1024);
        var smallMb = Option(args, "--small-mb", 100);
        var repeats = Option(args, "--repeats", 2);
        var keep = args.Contains("--keep");
        var dir = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "gydex-cml-bench");
        Directory.CreateDirectory(dir);
        try
        {
            var small = Generate(dir, "small", smallMb);
            var large = Generate(dir, "large", largeMb);

            Console.WriteLine();
            Console.WriteLine(string.Create(C, $"throughput on the {largeMb} MB package (best of {repeats}, page cache warm):"));
            double bestScan = 0, bestTyped = 0;
            for (var i = 0; i < repeats; i++)
            {
                bestScan = Math.Max(bestScan, Measure("bare XmlReader.Read() scan", large, Scan));
                bestTyped = Math.Max(bestTyped, Measure("typed CommerceMLReader", large, Typed));
            }
            Console.WriteLine(string.Create(C, $"  typed / scan = {bestTyped / bestScan:P1} (goal ≥ 30%)"));

            Console.WriteLine();
            Console.WriteLine("peak memory of typed reading (child process per size):");
            var smallPeak = ChildPeak(small);
            var largePeak = ChildPeak(large);
            Console.WriteLine(string.Create(C, $"  {largeMb} MB / {smallMb} MB peak working set = {(double)largePeak / smallPeak:F3} (goal ≤ 1.2)"));
            return 0;
        }
        finally
        {
            if (!keep)
                Directory.Delete(dir, recursive: true);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], C) : fallback;
    }

    private static string[] Generate(string dir, string name, int megabytes)
    {
        var import = Path.Combine(dir, name + "-import.xml");
        var offers = Path.Combine(dir, name + "-offers.xml");
        var watch = Stopwatch.StartNew();
        int products;
        using (var file = new FileStream(import, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            products = SyntheticExchange.WriteImport(file, (long)megabytes * 1024 * 1024);
        using (var file = new FileStream(offers, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            SyntheticExchange.WriteOffers(file, products);
        Console.WriteLine(string.Create(C, $"generated {name}: import.xml {new FileInfo(import).Length / 1048576.0:F0} MB, offers.xml {new FileInfo(offers).Length / 1048576.0:F0} MB, {products} products, in {watch.Elapsed.TotalSeconds:F1} s"));
        return [import, offers];
    }

    private static double Measure(string what, string[] files, Func<string, long> read)
    {
        var bytes = files.Sum(f => new FileInfo(f).Length);
        GC.Collect();
        var watch = Stopwatch.StartNew();
        long units = 0;
        foreach (var file in files)
            units += read(file);
        var seconds = watch.Elapsed.TotalSeconds;
        var rate = bytes / seconds;
        Console.WriteLine(string.Create(C, $"  {what,-28} {rate / 1048576.0,8:F1} MB/s  ({seconds:F2} s, {units} nodes/records)"));
        return rate;
    }

    private static long Scan(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        long nodes = 0;
        while (reader.Read())
            nodes++;
        return nodes;
    }

    private static long Typed(string file)
    {
        var statistics = new CommerceMLStatistics();
        using var reader = CommerceMLReader.OpenFile(file);
        long records = 0;
        foreach (var item in reader.ReadItems())
        {
            statistics.Add(item);
            records++;
        }
        if (!reader.IsComplete)
            throw new InvalidOperationException("incomplete read");
        return records;
    }

    private static long ChildPeak(string[] files)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("measure-memory");
        foreach (var file in files)
            start.ArgumentList.Add(file);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        Console.Write(output);
        var line = output.Split('\n').First(l => l.StartsWith("  peak-working-set-bytes", StringComparison.Ordinal));
        return long.Parse(line.Split('=')[1].Trim(), C);
    }

    /// <summary>Child process: reads the files typed and reports its own peak working set and largest heap.</summary>
    private static int MeasureMemory(string[] files)
    {
        long maxHeap = 0;
        long records = 0;
        var statistics = new CommerceMLStatistics();
        foreach (var file in files)
        {
            using var reader = CommerceMLReader.OpenFile(file);
            foreach (var item in reader.ReadItems())
            {
                statistics.Add(item);
                if (++records % 20_000 == 0)
                    maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(forceFullCollection: false));
            }
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var size = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(C, $"  {size / 1048576.0,6:F0} MB read: {records} records, products {statistics.Products}, offers {statistics.Offers}"));
        Console.WriteLine(string.Create(C, $"  peak-working-set-bytes = {self.PeakWorkingSet64}"));
        Console.WriteLine(string.Create(C, $"  peak working set {self.PeakWorkingSet64 / 1048576.0:F1} MB, largest managed heap seen {maxHeap / 1048576.0:F1} MB, allocated in total {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB"));
        return 0;
    }
}
