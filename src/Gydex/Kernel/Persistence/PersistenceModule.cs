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

        switch (provider.Kind)
        {
            case StorageProvider.Sqlite:
                services.AddDbContext<CatalogDbContext, SqliteCatalogDbContext>(provider.ConfigureCatalog);
                break;
            case StorageProvider.Postgres:
                services.AddDbContext<CatalogDbContext, PostgresCatalogDbContext>(provider.ConfigureCatalog);
                break;
        }

        // Every node reads the same key ring, so a cookie issued by one node is valid on all.
        services.AddDataProtection()
            .SetApplicationName("Gydex")
            .PersistKeysToDbContext<CatalogDbContext>();

        services.AddScoped<OrgDbContext>(sp => provider.CreateOrgContext(
            sp.GetRequiredService<CurrentOrganization>().Required,
            sp.GetServices<IOrgDbInterceptor>()));
        return services;
    }
}
