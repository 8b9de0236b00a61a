using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gydex.Modules.Operations;

/// <summary>A database's rows per table and its schema version, as seen by the snapshot that was dumped.</summary>
public sealed record SnapshotFacts(IReadOnlyDictionary<string, long> RowCounts, string? SchemaVersion);

/// <summary>
/// How one provider dumps a database consistently while it keeps working, and restores a dump. Chosen once at
/// registration from the provider; the rest of the module never branches on it.
/// </summary>
public abstract class DatabaseSnapshots
{
    /// <summary>The dump's file name inside a backup.</summary>
    public abstract string FileName { get; }

    /// <summary>Writes a consistent copy of the database to <paramref name="file"/>, counting rows in that same snapshot.</summary>
    public abstract Task<SnapshotFacts> DumpAsync(string connectionString, string file, CancellationToken cancellationToken);

    /// <summary>Replaces (or creates) the database at <paramref name="connectionString"/> with the dump; throws when the dump does not restore cleanly.</summary>
    public abstract Task RestoreAsync(string file, string connectionString, CancellationToken cancellationToken);

    /// <summary>A problem found by the engine's own integrity check, or null.</summary>
    public abstract Task<string?> CheckIntegrityAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>The rows per table and schema version of a database as it is now.</summary>
    public abstract Task<SnapshotFacts> FactsAsync(string connectionString, CancellationToken cancellationToken);

    protected static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Counts every table within the connection's current transaction (one snapshot).</summary>
    protected static async Task<SnapshotFacts> CountAsync(DbConnection connection, DbTransaction? transaction, string listTables, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = listTables;
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                tables.Add(reader.GetString(0));
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "SELECT count(*) FROM " + Quote(table);
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        string? version = null;
        if (tables.Contains("__EFMigrationsHistory"))
        {
            await using var last = connection.CreateCommand();
            last.Transaction = transaction;
            last.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1";
            version = await last.ExecuteScalarAsync(cancellationToken) as string;
        }

        return new SnapshotFacts(counts, version);
    }
}

/// <summary>SQLite: the online backup API from inside a read transaction, so the counts and the copy see one snapshot; WAL writers go on.</summary>
public sealed class SqliteSnapshots : DatabaseSnapshots
{
    private const string ListTables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

    public override string FileName => "database.sqlite";

    public override async Task<SnapshotFacts> DumpAsync(string connectionString, string file, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(connectionString);
        await source.OpenAsync(cancellationToken);
        await using var transaction = source.BeginTransaction(deferred: true);
        var facts = await CountAsync(source, transaction, ListTables, cancellationToken);
        await using (var target = new SqliteConnection(FileConnection(file, SqliteOpenMode.ReadWriteCreate)))
        {
            await target.OpenAsync(cancellationToken);
            // One step copying every page, reading through the open read transaction: the same snapshot as the counts.
            source.BackupDatabase(target);
            await using var delete = target.CreateCommand();
            delete.CommandText = "PRAGMA journal_mode=DELETE;";
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        SqliteConnection.ClearPool(new SqliteConnection(FileConnection(file, SqliteOpenMode.ReadWriteCreate)));
        return facts;
    }

    public override async Task RestoreAsync(string file, string connectionString, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(FileConnection(file, SqliteOpenMode.ReadOnly));
        await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection(connectionString);
        await target.OpenAsync(cancellationToken);
        source.BackupDatabase(target);
        await using var wal = target.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        await wal.ExecuteNonQueryAsync(cancellationToken);
        SqliteConnection.ClearPool(source);
    }

    public override async Task<string?> CheckIntegrityAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            lines.Add(reader.GetString(0));
        return lines is ["ok"] ? null : "Integrity check: " + string.Join("; ", lines.Take(5));
    }

    public override async Task<SnapshotFacts> FactsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await CountAsync(connection, null, ListTables, cancellationToken);
    }

    private static string FileConnection(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
}

/// <summary>
/// PostgreSQL: <c>pg_dump --format=custom</c> of a snapshot exported from a REPEATABLE READ transaction in which
/// the rows are counted too; restored with <c>pg_restore --exit-on-error</c> into a fresh database.
/// </summary>
public sealed class PostgresSnapshots(BackupOptions options) : DatabaseSnapshots
{
    private const string ListTables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";

    public override string FileName => "database.pgdump";

    public override async Task<SnapshotFacts> DumpAsync(string connectionString, string file, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        string snapshot;
        await using (var export = connection.CreateCommand())
        {
            export.Transaction = transaction;
            export.CommandText = "SELECT pg_export_snapshot()";
            snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        }

        // The snapshot lives as long as this transaction: pg_dump reads it while the rows are counted here.
        var dump = RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + snapshot, "--file=" + file], cancellationToken);
        var facts = await CountAsync(connection, transaction, ListTables, cancellationToken);
        await dump;
        await transaction.CommitAsync(cancellationToken);
        return facts;
    }

    public override async Task RestoreAsync(string file, string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The target has no database name.");
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)", $"CREATE DATABASE {Quote(database)}" })
            {
                await using var command = server.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_restore", connectionString, ["--exit-on-error", "--no-owner", "--no-privileges", "--single-transaction", file], cancellationToken);
    }

    /// <summary>pg_restore --exit-on-error already refused anything broken; the catalog answers for what is there.</summary>
    public override async Task<string?> CheckIntegrityAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT count(*) FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE NOT i.indisvalid";
        var invalid = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return invalid == 0 ? null : $"{invalid} index(es) are invalid after the restore.";
    }

    public override async Task<SnapshotFacts> FactsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        return await CountAsync(connection, transaction, ListTables, cancellationToken);
    }

    private string Tool(string name)
    {
        if (!string.IsNullOrWhiteSpace(options.PostgresBin))
            return Path.Combine(options.PostgresBin, name);
        const string Installed = "/usr/lib/postgresql";
        if (Directory.Exists(Installed))
        {
            var newest = Directory.GetDirectories(Installed)
                .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.dir, "bin", name)))
                .OrderByDescending(d => d.version)
                .FirstOrDefault();
            if (newest.dir is not null)
                return Path.Combine(newest.dir, "bin", name);
        }

        return name;
    }

    /// <summary>Runs a client tool against the database of <paramref name="connectionString"/>; the password goes by environment, never on the command line.</summary>
    private async Task RunAsync(string tool, string connectionString, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Tool(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--host=" + cs.Host);
        start.ArgumentList.Add("--port=" + cs.Port.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(cs.Username))
            start.ArgumentList.Add("--username=" + cs.Username);
        start.ArgumentList.Add("--no-password");
        start.ArgumentList.Add("--dbname=" + cs.Database);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (!string.IsNullOrEmpty(cs.Password))
            start.Environment["PGPASSWORD"] = cs.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed ({process.ExitCode}): {(await error).Trim()}");
    }
}

/// <summary>A backup, verification or restore that could not be done, with the reason.</summary>
public sealed class BackupException(string message) : Exception(message);
