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

public sealed class PostgresOrgDbContext(DbContextOptions<PostgresOrgDbContext> options) : OrgDbContext(options)
{
    /// <summary>The column a module's records are searched by ("contains" in any position).</summary>
    public const string SearchColumn = "SearchText";

    /// <summary>
    /// Every entity's <see cref="SearchColumn"/> gets a trigram GIN index, so a substring search over a million rows
    /// reads the index; SQLite has no such index and scans.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.FindProperty(SearchColumn) is not null).ToList())
        {
            builder.Entity(entity.ClrType).HasIndex(SearchColumn).HasMethod("gin").HasOperators("gin_trgm_ops")
                .HasDatabaseName($"IX_{entity.GetTableName()}_{SearchColumn}_trgm");
        }
    }
}

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
