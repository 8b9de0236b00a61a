using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gydex.Kernel.Persistence;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.

internal sealed class SqliteCatalogDesignFactory : IDesignTimeDbContextFactory<SqliteCatalogDbContext>
{
    public SqliteCatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCatalogDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresCatalogDesignFactory : IDesignTimeDbContextFactory<PostgresCatalogDbContext>
{
    public PostgresCatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCatalogDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqliteOrgDesignFactory : IDesignTimeDbContextFactory<SqliteOrgDbContext>
{
    public SqliteOrgDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOrgDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresOrgDesignFactory : IDesignTimeDbContextFactory<PostgresOrgDbContext>
{
    public PostgresOrgDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOrgDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
