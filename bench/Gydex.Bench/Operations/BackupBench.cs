using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Gydex.Bench.Journal;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gydex.Bench.Operations;

/// <summary>
/// Backup plus verified restore of an organization with many rows and a large file store, in seconds per GB.
/// <code>
/// backup --postgres "Host=127.0.0.1;Port=55432;Username=postgres" [--sqlite] [--rows 1000000] [--files-mb 1024] [--file-kb 1024]
/// </code>
/// The rows are contact-like (name, e-mail, phone, company, notes) in a table of the bench's own inside the
/// organization's database — the backup treats every table alike; the files are random contents written into
/// the organization's content-addressed store. Measured: <see cref="Backups.CreateAsync"/> end to end (dump,
/// contents copied, manifest, scratch restore, integrity check, row counts, journal chain, sampled re-hash),
/// then a restore into a new organization; the first backup copies every content, a second one only new ones.
/// </summary>
internal static class BackupBench
{
    private const string BenchSlug = "gydex_backup_bench";
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string[] ParameterNames = ["$id", "$name", "$email", "$phone", "$company", "$notes"];

    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = Text(args, "--postgres");
        var sqlite = args.Contains("--sqlite");
        var rows = Number(args, "--rows", 1_000_000);
        var filesMb = Number(args, "--files-mb", 1024);
        var fileKb = Number(args, "--file-kb", 1024);
        if (postgres is null && !sqlite)
        {
            Console.Error.WriteLine("Give --postgres \"Host=…;Port=…;Username=…\" and/or --sqlite.");
            return 2;
        }

        Console.WriteLine(string.Create(C, $"gydex backup bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; {rows:N0} rows, {filesMb} MB of files in {fileKb} KB contents"));
        if (sqlite)
            await RunOneAsync(StorageProvider.Sqlite, null, rows, filesMb, fileKb);
        if (postgres is not null)
            await RunOneAsync(StorageProvider.Postgres, postgres, rows, filesMb, fileKb);
        return 0;
    }

    private static async Task RunOneAsync(StorageProvider kind, string? postgres, int rows, int filesMb, int fileKb)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "gydex-backup-bench", kind.ToString().ToLowerInvariant());
        if (Directory.Exists(dataPath))
            Directory.Delete(dataPath, recursive: true);
        Directory.CreateDirectory(dataPath);
        await using var host = BenchHost.Create(kind, postgres, dataPath);
        if (kind == StorageProvider.Postgres)
        {
            // The bench catalog other benches share: created when missing, never dropped.
            try
            {
                await host.ExecuteOnServerAsync("CREATE DATABASE gydex_bench_catalog");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
            }
        }

        await GydexCommandLine.EnsureCatalogAsync(host.Services, CancellationToken.None);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var stale = scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.Where(o => o.Slug == BenchSlug || o.Slug.StartsWith("bench-restored-"));
            // What an earlier run left: its organizations' databases go first (the bench's own is made again below).
            foreach (var old in stale.ToList())
                await host.Provider.DropOrgDatabaseAsync(old, CancellationToken.None);
            scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.RemoveRange(stale);
            await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().SaveChangesAsync();
        }

        var org = await host.CreateOrgAsync(BenchSlug);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // The organization in the catalog, as provisioning would leave it (restores look it up there).
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            org.Status = OrganizationStatus.Active;
            org.CreatedAt = DateTimeOffset.UtcNow;
            catalog.Organizations.Add(org);
            await catalog.SaveChangesAsync();
        }

        var watch = Stopwatch.StartNew();
        await FillRowsAsync(host, org, kind, rows);
        var storage = host.Services.GetRequiredService<StorageOptions>();
        var fileBytes = await FillFilesAsync(storage.OrgFolder(org.Id), filesMb, fileKb);
        Console.WriteLine(string.Create(C, $"[{kind}] generated {rows:N0} rows and {fileBytes / 1048576.0:F0} MB of files in {watch.Elapsed.TotalSeconds:F1} s"));

        var databaseBytes = await DatabaseSizeAsync(host, org, kind);
        var gb = (databaseBytes + fileBytes) / 1073741824.0;
        Console.WriteLine(string.Create(C, $"[{kind}] the organization: database {databaseBytes / 1048576.0:F0} MB + files {fileBytes / 1048576.0:F0} MB = {gb:F2} GB (s/GB below are per GB of this)"));
        var first = await TimedBackupAsync(host, org, kind, "first backup (every content new)", gb);
        var second = await TimedBackupAsync(host, org, kind, "second backup (no new content)", gb);

        watch.Restart();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<Restores>()
                .RestoreAsync(org, second.Id, "bench-restored-" + Guid.NewGuid().ToString("N")[..6], "bench", CancellationToken.None);
            if (!result.Succeeded)
                throw new InvalidOperationException(result.Problem);
        }

        var restoreSeconds = watch.Elapsed.TotalSeconds;
        _ = first;
        Console.WriteLine(string.Create(C, $"[{kind}] restore into a new organization: {restoreSeconds:F1} s, {restoreSeconds / gb:F1} s/GB"));
    }

    private static async Task<long> DatabaseSizeAsync(BenchHost host, Organization org, StorageProvider kind)
    {
        if (kind == StorageProvider.Sqlite)
            return new FileInfo(new SqliteConnectionStringBuilder(host.OrgConnectionString(org)).DataSource).Length;
        await using var connection = new NpgsqlConnection(host.OrgConnectionString(org));
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await size.ExecuteScalarAsync())!;
    }

    private static async Task<BackupRecord> TimedBackupAsync(BenchHost host, Organization org, StorageProvider kind, string what, double gb)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = host.Services.CreateAsyncScope();
        var backups = scope.ServiceProvider.GetRequiredService<Backups>();
        var record = await backups.CreateAsync(org, BackupTrigger.Manual, CancellationToken.None);
        var total = watch.Elapsed.TotalSeconds;
        if (!record.IsUsable)
            throw new InvalidOperationException($"{record.Status} {record.Verification}: {record.Problem}");
        var taken = (record.CompletedAt!.Value - record.TakenAt).TotalSeconds;
        Console.WriteLine(string.Create(C,
            $"[{kind}] {what}: dump {record.DatabaseBytes / 1048576.0:F0} MB, files {record.FileBytes / 1048576.0:F0} MB ({record.NewFileBytes / 1048576.0:F0} MB copied); taken {taken:F1} s, verified {total - taken:F1} s, total {total:F1} s = {total / gb:F1} s/GB"));
        return record;
    }

    private static async Task FillRowsAsync(BenchHost host, Organization org, StorageProvider kind, int rows)
    {
        const string Create = "CREATE TABLE bench_contacts (id bigint PRIMARY KEY, name varchar(200) NOT NULL, email varchar(200), phone varchar(40), company varchar(200), notes text)";
        DbConnection connection = kind == StorageProvider.Postgres
            ? new NpgsqlConnection(host.OrgConnectionString(org))
            : new SqliteConnection(host.OrgConnectionString(org));
        await using (connection)
        {
            await connection.OpenAsync();
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = Create;
                await create.ExecuteNonQueryAsync();
            }

            if (connection is NpgsqlConnection pg)
            {
                await using var writer = await pg.BeginBinaryImportAsync("COPY bench_contacts (id, name, email, phone, company, notes) FROM STDIN (FORMAT BINARY)");
                for (var i = 1; i <= rows; i++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync((long)i);
                    await writer.WriteAsync(Name(i));
                    await writer.WriteAsync(Email(i));
                    await writer.WriteAsync(Phone(i));
                    await writer.WriteAsync(Company(i));
                    await writer.WriteAsync(Notes(i));
                }

                await writer.CompleteAsync();
            }
            else
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO bench_contacts VALUES ($id, $name, $email, $phone, $company, $notes)";
                var parameters = ParameterNames.Select(n =>
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = n;
                    insert.Parameters.Add(p);
                    return p;
                }).ToArray();
                for (var i = 1; i <= rows; i++)
                {
                    parameters[0].Value = (long)i;
                    parameters[1].Value = Name(i);
                    parameters[2].Value = Email(i);
                    parameters[3].Value = Phone(i);
                    parameters[4].Value = Company(i);
                    parameters[5].Value = Notes(i);
                    await insert.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }
        }
    }

    private static string Name(int i) => string.Create(C, $"Контакт {i} Иванов-Петров");

    private static string Email(int i) => string.Create(C, $"contact{i}@example{i % 997}.ru");

    private static string Phone(int i) => string.Create(C, $"+7 9{i % 100:D2} {i % 1000:D3}-{i % 100:D2}-{(i / 7) % 100:D2}");

    private static string Company(int i) => string.Create(C, $"ООО «Компания {i % 50_000}»");

    private static string Notes(int i) => string.Create(C, $"Позвонить после {i % 28 + 1}.{i % 12 + 1}; интересуется поставками, скидка {i % 15} %.");

    /// <summary>Random contents in the store's layout (<c>files/blobs/ab/&lt;sha-256&gt;</c>).</summary>
    private static async Task<long> FillFilesAsync(string orgFolder, int megabytes, int kilobytes)
    {
        var blobs = Path.Combine(orgFolder, "files", "blobs");
        var buffer = new byte[kilobytes * 1024];
        long total = 0;
        while (total < (long)megabytes * 1048576)
        {
            RandomNumberGenerator.Fill(buffer);
            var sha = Convert.ToHexStringLower(SHA256.HashData(buffer));
            var path = Path.Combine(blobs, sha[..2], sha);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, buffer);
            total += buffer.Length;
        }

        return total;
    }

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Number(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, C) : fallback;
}
