using BenchmarkDotNet.Running;
using Gydex.Bench.Files;
using Gydex.Bench.Journal;
using Gydex.Bench.Operations;

namespace Gydex.Bench;

public static class BenchProgram
{
    /// <summary>
    /// <c>journal …</c> runs the event log's database benchmarks (a Stopwatch harness, <see cref="JournalBench"/>);
    /// <c>files …</c> the file storage's (<see cref="FilesBench"/>); <c>crm …</c> the CRM load bench
    /// (<see cref="Crm.CrmBench"/>); <c>crm-import …</c> the import of 100,000 contacts (<c>Crm/ImportBench.cs</c>); anything else goes to BenchmarkDotNet as before.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "journal")
            return await JournalBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "backup")
            return await BackupBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "files")
            return await FilesBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "crm")
            return await Crm.CrmBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "crm-import")
            return await Crm.CrmBench.RunImportAsync(args[1..]);
        if (args.Length > 0 && args[0] == "crm-import-baseline")
            return await Crm.CrmBench.RunImportBaselineAsync(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
