using Gydex.Kernel.Access;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Help;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Search;
using Gydex.Kernel.Web;
using Gydex.Modules.Administration;
using Gydex.Modules.Exchange;
using Gydex.Modules.Customers;
using Gydex.Modules.Files;
using Gydex.Modules.Operations;
using Gydex.Modules.Sales;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gydex.Bench.Journal;

/// <summary>
/// The application's services exactly as <c>Program</c> registers them (the host is built, never started), and
/// an organization object pointing at a database of the bench's own: org scopes from it get the real
/// <see cref="OrgDbContext"/> with the real interceptors, as a request's scope does.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private BenchHost(WebApplication app, StorageProvider kind, string? server)
    {
        this.app = app;
        Kind = kind;
        Server = server;
    }

    public StorageProvider Kind { get; }

    /// <summary>The PostgreSQL server connection string (null on SQLite).</summary>
    public string? Server { get; }

    public DatabaseProvider Provider => app.Services.GetRequiredService<DatabaseProvider>();

    public IServiceProvider Services => app.Services;

    /// <summary>An organization registered in the catalog (by the application itself), or null.</summary>
    public async Task<Organization?> FindOrgAsync(string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<Organization>().AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug);
    }

    public static BenchHost Create(StorageProvider kind, string? postgresServer, string dataPath, string catalog = "gydex_bench_catalog")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:Provider"] = kind.ToString(),
            ["Storage:DataPath"] = dataPath,
            ["Demo:Enabled"] = "false",
        };
        string? server = null;
        if (kind == StorageProvider.Postgres)
        {
            // Durable commits whatever the server's default: each commit waits for its WAL flush.
            server = new NpgsqlConnectionStringBuilder(postgresServer) { Options = "-c synchronous_commit=on", Pooling = true, MaxPoolSize = 20 }.ConnectionString;
            settings["ConnectionStrings:Catalog"] = new NpgsqlConnectionStringBuilder(server) { Database = catalog }.ConnectionString;
            settings["Storage:Postgres:Servers:0"] = server;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services
            .AddGydexPersistence(builder.Configuration, builder.Environment.ContentRootPath)
            .AddGydexOrganizations(builder.Configuration)
            .AddGydexIdentity(builder.Configuration)
            .AddGydexAccess()
            .AddGydexJournal(builder.Configuration)
            .AddGydexWeb()
            .AddGydexHelp()
            .AddCommandLine<OrganizationCommands>()
            .AddAdministration()
            .AddExchange()
            .AddFiles(builder.Configuration)
            .AddCustomFields()
            .AddGlobalSearch()
            .AddCustomers()
            .AddSales()
            .AddOperations(builder.Configuration);
        return new BenchHost(builder.Build(), kind, server);
    }

    /// <summary>A fresh, migrated organization database named <paramref name="name"/> (dropped first if it exists).</summary>
    public async Task<Organization> CreateOrgAsync(string name, bool reuse = false)
    {
        var org = new Organization
        {
            Id = Guid.NewGuid(),
            Slug = name,
            Name = name,
            DatabaseServer = Kind == StorageProvider.Postgres ? ServerKey() : SqliteDatabaseProvider.ServerKey,
            DatabaseName = Kind == StorageProvider.Postgres ? name : name + ".db",
        };
        if (!reuse)
        {
            await Provider.DropOrgDatabaseAsync(org, CancellationToken.None);
            if (Kind == StorageProvider.Postgres)
                await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        }

        await using var scope = Scope(org);
        var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
        await db.Database.MigrateAsync();
        if (!reuse)
            await Provider.AfterCreatedAsync(db, CancellationToken.None);
        return org;
    }

    public AsyncServiceScope Scope(Organization org) => app.Services.GetRequiredService<OrgScopes>().CreateScope(org);

    /// <summary>A connection string to the organization's database, for the raw (non-EF) parts.</summary>
    public string OrgConnectionString(Organization org) =>
        Kind == StorageProvider.Postgres
            ? new NpgsqlConnectionStringBuilder(Server) { Database = org.DatabaseName }.ConnectionString
            : Provider.CreateOrgContext(org, []).Database.GetConnectionString()!;

    public async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private string ServerKey()
    {
        var b = new NpgsqlConnectionStringBuilder(Server);
        return FormattableString.Invariant($"{b.Host}:{b.Port}");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
