using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gydex.Kernel.Persistence;

/// <summary>Marks an EF interceptor that every organization context gets (the event log's change capture).</summary>
public interface IOrgDbInterceptor : IInterceptor;

/// <summary>The provider switch: the only place that reads <c>Storage:Provider</c>.</summary>
public static class PersistenceModule
{
    public static IServiceCollection AddGydexPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.DataPath = Path.GetFullPath(storage.DataPath, contentRoot);
        Directory.CreateDirectory(storage.DataPath);
        services.AddSingleton(storage);

        var catalogConnectionString = configuration.GetConnectionString("Catalog");
        DatabaseProvider provider = storage.Provider switch
        {
            StorageProvider.Sqlite => new SqliteDatabaseProvider(storage.DataPath, catalogConnectionString),
            StorageProvider.Postgres => new PostgresDatabaseProvider(catalogConnectionString, storage.Postgres),
            _ => throw new InvalidOperationException($"Unknown Storage:Provider '{storage.Provider}'."),
        };
        services.AddSingleton(provider);
        Keyset.RowValues = provider.Kind == StorageProvider.Postgres;

        // Pooled: every request resolves the organization through the catalog's directory, and building the context's
        // options and services anew each time cost more than the cached lookup it serves.
        switch (provider.Kind)
        {
            case StorageProvider.Sqlite:
                services.AddDbContextPool<CatalogDbContext, SqliteCatalogDbContext>(provider.ConfigureCatalog);
                break;
            case StorageProvider.Postgres:
                services.AddDbContextPool<CatalogDbContext, PostgresCatalogDbContext>(provider.ConfigureCatalog);
                break;
        }

        // Before any other start-up work (the key ring below is read at start): bring the catalog up to date.
        services.AddHostedService<CatalogFirst>();

        // Every node reads the same key ring, so a cookie issued by one node is valid on all.
        services.AddDataProtection()
            .SetApplicationName("Gydex")
            .PersistKeysToDbContext<CatalogDbContext>();
        Identity.RememberedUnprotection.Decorate(services);

        services.AddSingleton<OrgContexts>();
        services.AddScoped<OrgDbContext>(sp => sp.GetRequiredService<OrgContexts>().Rent(sp.GetRequiredService<CurrentOrganization>().Required, sp));
        services.AddScoped<DocumentNumbers>();
        return services;
    }
}

/// <summary>
/// Organization contexts come from one pool: building a context anew for every request — its options, EF's
/// internal services, the translators — cost about a tenth of a list page. A rented context is pointed at the
/// organization's database and told its scope; the scope's end returns it, its tracked state cleared.
/// </summary>
public sealed class OrgContexts(DatabaseProvider provider, IEnumerable<IOrgDbInterceptor> interceptors)
{
    private readonly Func<OrgDbContext> rent = provider.CreateOrgContextPool(interceptors.ToArray());

    public OrgDbContext Rent(Organization org, IServiceProvider scope)
    {
        var context = rent();
        provider.Connect(context, org);
        context.Scope = scope;
        context.AccessStampMovedUncommitted = false;
        return context;
    }
}

/// <summary>
/// Migrates the catalog before the other hosted services start, so that nothing reads a table that is not
/// there yet. It waits a little for a catalog that is not reachable, then lets the start go on: the start-up
/// migrations keep retrying and the readiness probe says not ready meanwhile.
/// </summary>
internal sealed class CatalogFirst(IServiceScopeFactory scopes, ILogger<CatalogFirst> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await CatalogMigrator.MigrateAsync(scope.ServiceProvider, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The catalog is not reachable yet (attempt {Attempt} of 3)", attempt);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
