using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Organizations;

/// <summary>
/// At start-up: migrates the catalog (retrying until it is reachable), seeds the demo on a fresh
/// installation, then migrates every organization one by one. A failed organization is logged, recorded in
/// the catalog and answered with a "being updated" page; the others serve as soon as they are done.
/// </summary>
public sealed class StartupMigrations(
    IServiceScopeFactory scopeFactory,
    MigrationStatus status,
    ILogger<StartupMigrations> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await MigrateCatalogWithRetryAsync(stoppingToken);
        status.MarkCatalogReady();

        await using (var scope = scopeFactory.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoOrganization>().EnsureAsync(stoppingToken);

        List<Organization> organizations;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            organizations = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking()
                .Where(o => o.Status != OrganizationStatus.Provisioning)
                .OrderBy(o => o.Slug)
                .ToListAsync(stoppingToken);
        }

        foreach (var org in organizations)
            status.Set(org.Id, OrgMigrationState.Pending);
        foreach (var org in organizations)
            await MigrateOrganizationAsync(org, stoppingToken);

        status.MarkStartupDone();
        logger.LogInformation("Start-up migrations finished for {Count} organizations", organizations.Count);
    }

    private async Task MigrateCatalogWithRetryAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await CatalogMigrator.MigrateAsync(scope.ServiceProvider, stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The catalog database cannot be migrated (attempt {Attempt}); retrying in 5 s", attempt);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task MigrateOrganizationAsync(Organization org, CancellationToken stoppingToken)
    {
        string? schemaVersion = null;
        string? error = null;
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentOrganization>().Set(org);
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(stoppingToken)).ToList();
            if (pending.Count > 0)
                await db.Database.MigrateAsync(stoppingToken);
            schemaVersion = (await db.Database.GetAppliedMigrationsAsync(stoppingToken)).LastOrDefault();
            foreach (var upgrade in scope.ServiceProvider.GetServices<IOrganizationUpgrade>())
                await upgrade.UpgradeAsync(scope.ServiceProvider, org, stoppingToken);
            status.Set(org.Id, OrgMigrationState.Done);
            logger.LogInformation("Organization {Org}: {Count} migrations applied, schema at {Schema}", org.Slug, pending.Count, schemaVersion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            status.Set(org.Id, OrgMigrationState.Failed);
            logger.LogError(ex, "Organization {Org}: migration failed; it is not served until fixed, the others go on", org.Slug);
        }

        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var row = await catalog.Organizations.SingleAsync(o => o.Id == org.Id, stoppingToken);
            row.MigrationError = error;
            if (error is null)
            {
                row.SchemaVersion = schemaVersion;
                row.MigratedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            }

            await catalog.SaveChangesAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Organization {Org}: could not record the migration outcome in the catalog", org.Slug);
        }
    }
}

/// <summary>Brings the catalog database to the current schema (start-up and the command line).</summary>
public static class CatalogMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<CatalogDbContext>();
        await catalog.Database.MigrateAsync(cancellationToken);
        if (services.GetRequiredService<DatabaseProvider>().Kind == StorageProvider.Sqlite)
            await catalog.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
