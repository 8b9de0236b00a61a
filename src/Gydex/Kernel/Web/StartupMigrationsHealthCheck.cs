using Gydex.Kernel.Organizations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gydex.Kernel.Web;

/// <summary>Ready only when the start-up migrations of the catalog and of every organization have run.</summary>
public sealed class StartupMigrationsHealthCheck(MigrationStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.StartupDone
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(status.CatalogReady ? "Organizations are being migrated." : "The catalog is being migrated."));
}
