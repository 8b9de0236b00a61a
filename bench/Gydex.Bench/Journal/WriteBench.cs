using System.Diagnostics;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gydex.Bench.Journal.JournalBench;

namespace Gydex.Bench.Journal;

/// <summary>
/// Audited create: one <see cref="Department"/> per SaveChangesAsync through the org scope's own
/// <see cref="OrgDbContext"/> (the real <see cref="JournalInterceptor"/> and <see cref="AccessStampInterceptor"/>,
/// so a transaction with the head locked, the record hashed, the head and the access stamp moved), against the
/// same insert through a context with no interceptors. Each write opens its own scope or context, as a request does.
/// </summary>
internal static class WriteBench
{
    private static readonly Guid Actor = Guid.NewGuid();

    public static async Task RunAsync(BenchHost host, int writes, int rounds, int parallel)
    {
        Header($"Audited create vs plain insert, {host.Kind}, {writes} writes a round, {rounds} rounds");
        var org = await host.CreateOrgAsync(host.Kind == StorageProvider.Postgres ? "gydex_bench_write" : "gydex_bench_write");
        await using (var db = host.Provider.CreateOrgContext(org, []))
        {
            if (host.Kind == StorageProvider.Postgres)
            {
                var setting = await db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();
                var fsync = await db.Database.SqlQueryRaw<string>("SELECT current_setting('fsync') AS \"Value\"").SingleAsync();
                Line($"synchronous_commit = {setting}, fsync = {fsync}");
            }
            else
            {
                var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
                var sync = await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync();
                Line($"journal_mode = {mode[0]}, synchronous = {sync[0]} (0 off, 1 normal, 2 full)");
            }
        }

        var audited = 0;
        var stamped = 0;
        async Task Audited(int i)
        {
            await using var scope = host.Scope(org);
            scope.ServiceProvider.GetRequiredService<JournalActor>().ActAs(Actor, "Bench user (bench)");
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            db.Add(new Department { Id = Guid.NewGuid(), Name = "Audited department " + i.ToString(C) });
            await db.SaveChangesAsync();
            Interlocked.Increment(ref audited);
            Interlocked.Increment(ref stamped);
        }

        async Task Plain(int i)
        {
            await using var db = host.Provider.CreateOrgContext(org, []);
            db.Add(new Department { Id = Guid.NewGuid(), Name = "Plain department " + i.ToString(C) });
            await db.SaveChangesAsync();
        }

        // Where the cost is: the org scope's context rebuilt with only one of its two interceptors.
        Func<int, Task> Only<T>(string label)
            where T : IOrgDbInterceptor => async i =>
        {
            await using var scope = host.Scope(org);
            scope.ServiceProvider.GetRequiredService<JournalActor>().ActAs(Actor, "Bench user (bench)");
            var interceptors = scope.ServiceProvider.GetServices<IOrgDbInterceptor>().OfType<T>().Cast<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>();
            await using var db = host.Provider.CreateOrgContext(org, interceptors);
            db.Add(new Department { Id = Guid.NewGuid(), Name = label + " department " + i.ToString(C) });
            await db.SaveChangesAsync();
            if (typeof(T) == typeof(JournalInterceptor))
                Interlocked.Increment(ref audited);
            else
                Interlocked.Increment(ref stamped);
        };

        var stampBefore = await StampAsync(host, org);
        var sequential = new (string, Func<int, Task>)[]
        {
            ("plain", Plain), ("audited", Audited),
            ("journal interceptor only", Only<JournalInterceptor>("Journal-only")), ("access stamp interceptor only", Only<AccessStampInterceptor>("Stamp-only")),
        };
        await Measure("warm-up", 1, Math.Max(50, writes / 10), sequential, 1, print: false);
        await Measure("sequential, 1 writer", 1, writes, sequential, rounds);
        if (parallel > 1)
            await Measure($"parallel, {parallel} writers", parallel, writes, sequential[..2], rounds);
        // Each move writes a fresh random value (nodes compare for equality), so moves cannot be counted, only seen.
        var stampAfter = await StampAsync(host, org);
        Line($"check: the access stamp {(stampAfter != stampBefore ? "moved" : "DID NOT MOVE")} over {stamped} department inserts through the stamp interceptor");

        // The audited writes did what they claim: one record each, an intact chain.
        await using (var scope = host.Scope(org))
        {
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            var records = await db.Set<JournalRecord>().CountAsync(r => r.Action == AccessJournal.DepartmentCreated.Code);
            var verification = await scope.ServiceProvider.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None);
            Line($"check: {audited} audited writes, {records} department.created records, chain intact = {verification.Intact} ({verification.Checked} records)");
        }
    }

    private static async Task<long> StampAsync(BenchHost host, Organization org)
    {
        await using var db = host.Provider.CreateOrgContext(org, []);
        return await db.Set<AccessStamp>().Select(s => s.Version).SingleAsync();
    }

    private static async Task Measure(string name, int writers, int writes, (string Name, Func<int, Task> Write)[] variants, int rounds, bool print = true)
    {
        var rates = variants.Select(_ => new List<double>()).ToArray();
        const int block = 50;
        for (var r = 0; r < rounds; r++)
        {
            // Interleaved in blocks of 50 writes, so drift of the disk or the neighbours' builds hits all variants alike.
            var took = new TimeSpan[variants.Length];
            for (var done = 0; done < writes; done += block)
            {
                for (var v = 0; v < variants.Length; v++)
                    took[v] += await TimeWrites(writers, Math.Min(block, writes - done), done, variants[v].Write);
            }

            for (var v = 0; v < variants.Length; v++)
                rates[v].Add(writes / took[v].TotalSeconds);
            if (print)
                Line($"  {name}, round {r + 1}: {string.Join(", ", variants.Select((v, i) => FormattableString.Invariant($"{v.Name} {rates[i][^1]:F0}/s")))}");
        }

        if (!print)
            return;
        var plain = Median(rates[0]);
        Console.WriteLine($"| {name} | " + string.Join(" | ", variants.Select(v => v.Name)) + " |");
        Line($"| median of {rounds} | {string.Join(" | ", rates.Select(x => FormattableString.Invariant($"{Median(x):F0}/s ({Median(x) / plain:P0})")))} |");
    }

    private static async Task<TimeSpan> TimeWrites(int writers, int writes, int offset, Func<int, Task> write)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < writes)
                await write(offset + i);
        })));
        return watch.Elapsed;
    }
}
