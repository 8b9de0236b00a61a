using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Organizations;

/// <summary>What the platform console and the command line do to organizations besides creating them.</summary>
public sealed class OrganizationAdministration(CatalogDbContext catalog, OrganizationDirectory directory, TimeProvider clock)
{
    public Task<List<Organization>> ListAsync(CancellationToken cancellationToken) =>
        catalog.Organizations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(cancellationToken);

    /// <summary>Suspends or resumes; false when there is no such organization.</summary>
    public async Task<bool> SetSuspendedAsync(string slug, bool suspended, CancellationToken cancellationToken)
    {
        var org = await catalog.Organizations.SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (org is null || org.Status == OrganizationStatus.Provisioning)
            return false;
        org.Status = suspended ? OrganizationStatus.Suspended : OrganizationStatus.Active;
        org.SuspendedAt = suspended ? clock.GetUtcNow() : null;
        await catalog.SaveChangesAsync(cancellationToken);
        directory.Forget(slug);
        return true;
    }
}
