using System.Globalization;
using Gydex.Kernel.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Gydex.Kernel.Persistence;

/// <summary>Production provider: one PostgreSQL database per organization, spread over the configured servers.</summary>
public sealed class PostgresDatabaseProvider : DatabaseProvider
{
    private readonly string catalogConnectionString;
    private readonly string databasePrefix;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Server, string Database), string> orgConnectionStrings = new();

    /// <summary>Server key ("host:port") → server connection string, in configuration order.</summary>
    private readonly List<KeyValuePair<string, string>> servers;

    public PostgresDatabaseProvider(string? catalogConnectionString, PostgresStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(catalogConnectionString))
            throw new InvalidOperationException("Storage:Provider is Postgres, so ConnectionStrings:Catalog must be set.");
        if (options.Servers.Count == 0)
            throw new InvalidOperationException("Storage:Provider is Postgres, so Storage:Postgres:Servers must list at least one server.");
        this.catalogConnectionString = Tuned(catalogConnectionString);
        databasePrefix = options.DatabasePrefix;
        servers = options.Servers.Select(cs => new KeyValuePair<string, string>(ServerKeyOf(cs), Tuned(cs))).ToList();
    }

    public override StorageProvider Kind => StorageProvider.Postgres;

    public override string ForUpdate => " FOR UPDATE";

    public override void ConfigureCatalog(DbContextOptionsBuilder builder) =>
        builder.UseNpgsql(catalogConnectionString);

    public override OrgPlacement Place(Guid orgId, IReadOnlyDictionary<string, int> orgsPerServer)
    {
        // Fewest organizations first; ties go to the server listed first.
        var server = servers
            .Select((s, index) => (s.Key, index, count: orgsPerServer.GetValueOrDefault(s.Key)))
            .OrderBy(s => s.count).ThenBy(s => s.index)
            .First().Key;
        return new OrgPlacement(server, databasePrefix + orgId.ToString("N", CultureInfo.InvariantCulture));
    }

    public override OrgDbContext CreateOrgContext(Organization org, IEnumerable<IInterceptor> interceptors)
    {
        var options = new DbContextOptionsBuilder<PostgresOrgDbContext>()
            .UseNpgsql(OrgConnectionString(org))
            .AddInterceptors(interceptors)
            .Options;
        return new PostgresOrgDbContext(options);
    }

    public override Func<OrgDbContext> CreateOrgContextPool(IReadOnlyList<IInterceptor> interceptors) =>
        new PooledDbContextFactory<PostgresOrgDbContext>(new DbContextOptionsBuilder<PostgresOrgDbContext>()
            .UseNpgsql()
            .AddInterceptors(interceptors)
            .Options).CreateDbContext;

    public override void Connect(OrgDbContext context, Organization org) =>
        context.Database.SetConnectionString(OrgConnectionString(org));

    public override async Task DropOrgDatabaseAsync(Organization org, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString(org.DatabaseServer)) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The name comes from Place (prefix + a Guid), quoted as an identifier all the same.
        command.CommandText = $"DROP DATABASE IF EXISTS \"{org.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Built once per database: every request opens its organization's context.</summary>
    private string OrgConnectionString(Organization org) =>
        orgConnectionStrings.GetOrAdd((org.DatabaseServer, org.DatabaseName), key =>
            new NpgsqlConnectionStringBuilder(ServerConnectionString(key.Server)) { Database = key.Database }.ConnectionString);

    /// <summary>
    /// Pool settings for a request-per-query workload, unless the configured string says otherwise. Gydex keeps no
    /// session state on a connection (no SET, no session locks, no temporary tables), so the DISCARD ALL that
    /// Npgsql sends on every return to the pool is pure cost, and it would also drop the statements that
    /// automatic preparation keeps: with both, a list page's queries are parsed and planned once per connection.
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.ToUpperInvariant();
        if (!given.Contains("RESET ON CLOSE", StringComparison.Ordinal))
            builder.NoResetOnClose = true;
        if (!given.Contains("AUTO PREPARE", StringComparison.Ordinal))
            builder.MaxAutoPrepare = 100;
        return builder.ConnectionString;
    }

    private string ServerConnectionString(string serverKey)
    {
        foreach (var (key, cs) in servers)
        {
            if (key == serverKey)
                return cs;
        }

        throw new InvalidOperationException($"The organization's database server '{serverKey}' is not in Storage:Postgres:Servers.");
    }

    private static string ServerKeyOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}");
    }
}
