using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gydex.Kernel.Persistence;

// One concrete context per provider and database, so that each has its own migrations folder.

public sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options)
{
    protected override void ProviderConventions(ModelConfigurationBuilder configurationBuilder) =>
        SqliteConventions.Apply(configurationBuilder);
}

public sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);

public sealed class SqliteOrgDbContext(DbContextOptions<SqliteOrgDbContext> options) : OrgDbContext(options)
{
    protected override void ProviderConventions(ModelConfigurationBuilder configurationBuilder) =>
        SqliteConventions.Apply(configurationBuilder);
}

public sealed class PostgresOrgDbContext(DbContextOptions<PostgresOrgDbContext> options) : OrgDbContext(options);

internal static class SqliteConventions
{
    /// <summary>
    /// SQLite has no type for instants, and EF cannot compare or order DateTimeOffset stored as text;
    /// every instant is UTC, so a sortable 64-bit form loses nothing.
    /// </summary>
    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
