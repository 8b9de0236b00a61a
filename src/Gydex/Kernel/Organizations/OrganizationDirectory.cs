using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gydex.Kernel.Organizations;

/// <summary>Looks organizations up in the catalog, with a short cache: suspension reaches every node within seconds.</summary>
public sealed class OrganizationDirectory(CatalogDbContext catalog, IMemoryCache cache)
{
    /// <summary>How long a node may go on serving an organization as it was after the catalog changed it.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async Task<Organization?> FindBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        var key = CacheKey(slug);
        if (cache.TryGetValue(key, out Organization? cached))
            return cached;
        var found = await catalog.Organizations.AsNoTracking()
            .SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        cache.Set(key, found, CacheFor);
        return found;
    }

    /// <summary>Drops this node's cached copy at once after a change made here.</summary>
    public void Forget(string slug) => cache.Remove(CacheKey(slug));

    private static string CacheKey(string slug) => "org-by-slug:" + slug;
}
