using System.Data.Common;
using System.Diagnostics;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using static Gydex.Bench.Journal.JournalBench;

namespace Gydex.Bench.Journal;

/// <summary>
/// The verifier over a valid chain (hashes computed with <see cref="JournalChain.Compute"/>, bulk-loaded with binary
/// COPY on PostgreSQL, through EF on SQLite), against reading the same rows: a bare data reader loop, and EF's
/// streaming of the same query without the hash. <see cref="FastChain"/> is a prototype of a cheaper check.
/// </summary>
internal static class VerifyBench
{
    private const string Columns =
        "\"Id\", \"At\", \"Action\", \"Ip\", \"UserId\", \"UserName\", \"OperatorId\", \"OperatorName\", \"AffectedUserId\", " +
        "\"AffectedUserName\", \"AffectedGroupId\", \"AffectedGroupName\", \"Right\", \"DocumentType\", \"DocumentId\", " +
        "\"DocumentCode\", \"Comment\", \"Changes\", \"Hash\"";

    private static readonly string[] Actions = ["user.signed_in", "document.changed", "document.created", "group.member.added", "invoice.printed", "order.status_changed"];

    public static async Task RunAsync(BenchHost host, int records, int rounds)
    {
        Header($"Verifier vs reading the same rows, {host.Kind}, {records:N0} records");
        var org = await host.CreateOrgAsync("gydex_bench_verify");
        var load = Stopwatch.StartNew();
        if (host.Kind == StorageProvider.Postgres)
            await CopyAsync(host.OrgConnectionString(org), records);
        else
            await SqliteLoadAsync(host, org, records);
        Line($"loaded {records:N0} chained records in {load.Elapsed.TotalSeconds:F0} s");

        var rows = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string name, long count, TimeSpan took)
        {
            if (count != records)
                throw new InvalidOperationException($"{name} saw {count} records, not {records}.");
            if (!rows.TryGetValue(name, out var list))
                rows[name] = list = [];
            list.Add(count / took.TotalSeconds);
        }

        for (var r = 0; r <= rounds; r++)
        {
            // Round 0 warms the caches and the JIT and is not counted.
            var counted = r > 0;
            var raw = Stopwatch.StartNew();
            var rawCount = await RawReadAsync(host, org, fast: false);
            if (counted)
                Add("bare data reader loop (baseline)", rawCount, raw.Elapsed);

            var ef = Stopwatch.StartNew();
            long efCount = 0;
            await using (var db = host.Provider.CreateOrgContext(org, []))
            {
                await foreach (var record in db.Set<JournalRecord>().AsNoTracking().Where(x => x.Id > 0 && x.Id <= records).OrderBy(x => x.Id).AsAsyncEnumerable())
                    efCount += record.Id > 0 ? 1 : 0;
            }

            if (counted)
                Add("EF AsNoTracking stream, no hash", efCount, ef.Elapsed);

            await using (var scope = host.Scope(org))
            {
                var verification = await scope.ServiceProvider.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None);
                if (!verification.Intact)
                    throw new InvalidOperationException($"The chain is broken at {verification.BrokenId}: {verification.Problem}");
                if (counted)
                    Add("**JournalVerifier.VerifyAsync**", verification.Checked, verification.Took);
            }

            var piped = Stopwatch.StartNew();
            var pipedCount = await PipelinedAsync(host, org, records);
            if (counted)
                Add("prototype: EF stream and JournalChain.Compute on two threads (bounded channel)", pipedCount, piped.Elapsed);

            var fast = Stopwatch.StartNew();
            var fastCount = await RawReadAsync(host, org, fast: true);
            if (counted)
                Add("prototype: data reader + FastChain (no EF, no per-record allocations in the hash)", fastCount, fast.Elapsed);
        }

        // The hash alone, on records already in memory.
        var sample = Generate(Math.Min(records, 200_000)).ToList();
        for (var r = 0; r <= rounds; r++)
        {
            var hash = Stopwatch.StartNew();
            var previous = JournalChain.Genesis;
            foreach (var record in sample)
            {
                if (!string.Equals(JournalChain.Compute(previous, record), record.Hash, StringComparison.Ordinal))
                    throw new InvalidOperationException("Compute disagrees with itself.");
                previous = record.Hash;
            }

            if (r > 0)
                (rows.TryGetValue("JournalChain.Compute alone, in memory", out var l) ? l : rows["JournalChain.Compute alone, in memory"] = []).Add(sample.Count / hash.Elapsed.TotalSeconds);
            var fastHash = Stopwatch.StartNew();
            var chain = new FastChain();
            foreach (var record in sample)
            {
                if (!chain.Check(record.Id, record.At, record.Action, record.Ip, record.UserId, record.UserName, record.OperatorId, record.OperatorName,
                        record.AffectedUserId, record.AffectedUserName, record.AffectedGroupId, record.AffectedGroupName, record.Right,
                        record.DocumentType, record.DocumentId, record.DocumentCode, record.Comment, record.Changes, record.Hash))
                    throw new InvalidOperationException("FastChain disagrees with JournalChain.");
            }

            if (r > 0)
                (rows.TryGetValue("FastChain alone, in memory", out var l) ? l : rows["FastChain alone, in memory"] = []).Add(sample.Count / fastHash.Elapsed.TotalSeconds);
        }

        var baseline = Median(rows["bare data reader loop (baseline)"]);
        Console.WriteLine();
        Console.WriteLine($"| {host.Kind}: {records:N0} records | records/s (median of {rounds}) | ratio to the bare read |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, rates) in rows)
            Line($"| {name} | {Median(rates):N0} | {Median(rates) / baseline:F2} |");
    }

    /// <summary>
    /// The verifier's walk with the read and the hash overlapped: EF streams the records into batches of 1000 on one
    /// task, <see cref="JournalChain.Compute"/> checks them on another.
    /// </summary>
    private static async Task<long> PipelinedAsync(BenchHost host, Organization org, long last)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<List<JournalRecord>>(new System.Threading.Channels.BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var check = Task.Run(async () =>
        {
            var previous = JournalChain.Genesis;
            long expected = 1;
            try
            {
                await foreach (var batch in channel.Reader.ReadAllAsync())
                {
                    foreach (var record in batch)
                    {
                        if (record.Id != expected || !string.Equals(JournalChain.Compute(previous, record), record.Hash, StringComparison.Ordinal))
                            throw new InvalidOperationException($"The pipelined check finds record {record.Id} broken.");
                        previous = record.Hash;
                        expected++;
                    }
                }
            }
            catch (InvalidOperationException e)
            {
                // Stops the reading side too (its next write throws).
                channel.Writer.TryComplete(e);
                throw;
            }

            return expected - 1;
        });
        await using (var db = host.Provider.CreateOrgContext(org, []))
        {
            var batch = new List<JournalRecord>(1000);
            await foreach (var record in db.Set<JournalRecord>().AsNoTracking().Where(x => x.Id > 0 && x.Id <= last).OrderBy(x => x.Id).AsAsyncEnumerable())
            {
                batch.Add(record);
                if (batch.Count == 1000)
                {
                    await channel.Writer.WriteAsync(batch);
                    batch = new List<JournalRecord>(1000);
                }
            }

            if (batch.Count > 0)
                await channel.Writer.WriteAsync(batch);
            channel.Writer.Complete();
        }

        return await check;
    }

    /// <summary>Reads every column of every record in id order; with <paramref name="fast"/> also checks the chain.</summary>
    private static async Task<long> RawReadAsync(BenchHost host, Organization org, bool fast)
    {
        await using var db = host.Provider.CreateOrgContext(org, []);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM \"Journal\" WHERE \"Id\" > 0 ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync();
        var postgres = host.Kind == StorageProvider.Postgres;
        var chain = new FastChain();
        long count = 0;
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            // SQLite keeps instants as EF's DateTimeOffsetToBinaryConverter writes them: (UTC ticks / 1000) << 11 | offset minutes (0 here).
            var at = postgres ? reader.GetFieldValue<DateTimeOffset>(1) : new DateTimeOffset((reader.GetInt64(1) >> 11) * 1000, TimeSpan.Zero);
            var action = reader.GetString(2);
            var ip = Text(reader, 3);
            var userId = Id(reader, 4);
            var userName = Text(reader, 5);
            var operatorId = Id(reader, 6);
            var operatorName = Text(reader, 7);
            var affectedUserId = Id(reader, 8);
            var affectedUserName = Text(reader, 9);
            var affectedGroupId = Id(reader, 10);
            var affectedGroupName = Text(reader, 11);
            var right = Text(reader, 12);
            var documentType = Text(reader, 13);
            var documentId = Text(reader, 14);
            var documentCode = Text(reader, 15);
            var comment = Text(reader, 16);
            var changes = Text(reader, 17);
            var hash = reader.GetString(18);
            if (fast && !chain.Check(id, at, action, ip, userId, userName, operatorId, operatorName, affectedUserId, affectedUserName,
                    affectedGroupId, affectedGroupName, right, documentType, documentId, documentCode, comment, changes, hash))
                throw new InvalidOperationException($"FastChain finds record {id} broken.");
            count++;
        }

        return count;
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static Guid? Id(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetGuid(i);

    /// <summary>A valid chain with content like the application's: users, documents, a JSON of changes.</summary>
    private static IEnumerable<JournalRecord> Generate(int records)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var previous = JournalChain.Genesis;
        var users = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        for (long id = 1; id <= records; id++)
        {
            var u = random.Next(users.Length);
            var action = Actions[random.Next(Actions.Length)];
            var hasDocument = action != "user.signed_in";
            var number = random.Next(200_000);
            var record = new JournalRecord
            {
                Id = id,
                At = start.AddMilliseconds(id * 3000 + random.Next(1000)),
                Action = action,
                Ip = FormattableString.Invariant($"10.0.{u}.{random.Next(1, 4)}"),
                UserId = users[u],
                UserName = FormattableString.Invariant($"User {u} (user{u})"),
                AffectedUserId = action == "group.member.added" ? users[(u + 1) % users.Length] : null,
                AffectedUserName = action == "group.member.added" ? FormattableString.Invariant($"User {(u + 1) % users.Length}") : null,
                Right = hasDocument ? "sales.invoices.edit" : null,
                DocumentType = hasDocument ? "invoice" : null,
                DocumentId = hasDocument ? number.ToString(C) : null,
                DocumentCode = hasDocument ? FormattableString.Invariant($"INV-2026-{number:D6}") : null,
                Comment = id % 20 == 0 ? "Imported from the 1C exchange" : null,
                Changes = hasDocument
                    ? FormattableString.Invariant($"[{{\"Field\":\"Name\",\"Old\":\"Old name {number}\",\"New\":\"New name {id}\"}},{{\"Field\":\"Status\",\"Old\":\"draft\",\"New\":\"posted\"}}]")
                    : null,
            };
            record.At = JournalChain.Truncate(record.At);
            record.Hash = JournalChain.Compute(previous, record);
            previous = record.Hash;
            yield return record;
        }
    }

    private static async Task CopyAsync(string cs, int records)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        string last;
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"Journal\" ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            last = JournalChain.Genesis;
            foreach (var r in Generate(records))
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(r.Id, NpgsqlDbType.Bigint);
                await importer.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(r.Action, NpgsqlDbType.Varchar);
                foreach (var value in new object?[]
                         {
                             r.Ip, r.UserId, r.UserName, r.OperatorId, r.OperatorName, r.AffectedUserId, r.AffectedUserName, r.AffectedGroupId,
                             r.AffectedGroupName, r.Right, r.DocumentType, r.DocumentId, r.DocumentCode, r.Comment, r.Changes,
                         })
                {
                    switch (value)
                    {
                        case null:
                            await importer.WriteNullAsync();
                            break;
                        case Guid guid:
                            await importer.WriteAsync(guid, NpgsqlDbType.Uuid);
                            break;
                        case string text:
                            await importer.WriteAsync(text, NpgsqlDbType.Varchar);
                            break;
                    }
                }

                await importer.WriteAsync(r.Hash, NpgsqlDbType.Varchar);
                last = r.Hash;
            }

            await importer.CompleteAsync();
        }

        await using (var head = new NpgsqlCommand("UPDATE \"JournalHeads\" SET \"LastId\" = @id, \"LastHash\" = @hash WHERE \"Id\" = 1", connection))
        {
            head.Parameters.AddWithValue("id", (long)records);
            head.Parameters.AddWithValue("hash", last);
            await head.ExecuteNonQueryAsync();
        }

        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) \"Journal\"", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// SQLite: one prepared INSERT in one transaction, values in the forms EF keeps (Guid as upper-case text, instants as
    /// DateTimeOffsetToBinaryConverter's long); the verifier reading them through EF proves the forms right.
    /// </summary>
    private static async Task SqliteLoadAsync(BenchHost host, Organization org, int records)
    {
        await using var db = host.Provider.CreateOrgContext(org, []);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var names = Columns.Split(", ");
        insert.CommandText = $"INSERT INTO \"Journal\" ({Columns}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i.ToString(C)))})";
        var parameters = names.Select((_, i) =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = "$p" + i.ToString(C);
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        await insert.PrepareAsync();
        var last = JournalChain.Genesis;
        foreach (var r in Generate(records))
        {
            object?[] values =
            [
                r.Id, (r.At.UtcTicks / 1000) << 11, r.Action, r.Ip, Upper(r.UserId), r.UserName, Upper(r.OperatorId), r.OperatorName, Upper(r.AffectedUserId),
                r.AffectedUserName, Upper(r.AffectedGroupId), r.AffectedGroupName, r.Right, r.DocumentType, r.DocumentId, r.DocumentCode, r.Comment,
                r.Changes, r.Hash,
            ];
            for (var i = 0; i < values.Length; i++)
                parameters[i].Value = values[i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync();
            last = r.Hash;
        }

        await using var head = connection.CreateCommand();
        head.Transaction = transaction;
        head.CommandText = "UPDATE \"JournalHeads\" SET \"LastId\" = $id, \"LastHash\" = $hash WHERE \"Id\" = 1";
        var id = head.CreateParameter();
        id.ParameterName = "$id";
        id.Value = (long)records;
        var hash = head.CreateParameter();
        hash.ParameterName = "$hash";
        hash.Value = last;
        head.Parameters.Add(id);
        head.Parameters.Add(hash);
        await head.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static string? Upper(Guid? id) => id?.ToString().ToUpperInvariant();
}
