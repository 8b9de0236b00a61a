using Gydex.Kernel.Organizations;
using Microsoft.Extensions.Caching.Memory;

namespace Gydex.Kernel.Access;

/// <summary>
/// What pages read on every request but an organization changes rarely — its people, departments, custom field
/// definitions, a user's list columns and saved filters — kept in memory against the organization's
/// <see cref="AccessStamp"/>. Any change to such data moves the stamp in its own transaction
/// (<see cref="AccessStampInterceptor"/>), so every node sees it on its next request, exactly as it sees a change
/// of rights, and the request pays for the one stamp lookup it makes anyway.
/// </summary>
public sealed class OrgCache(IMemoryCache cache, CurrentOrganization organization, CurrentAccess access)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    private sealed record Entry(long Stamp, object? Value);

    /// <summary>The value under <paramref name="key"/> as of this request's stamp, loaded once per stamp.</summary>
    public async ValueTask<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var stamp = await access.StampAsync(cancellationToken);
        var cacheKey = (nameof(OrgCache), organization.Required.Id, key);
        if (cache.TryGetValue(cacheKey, out Entry? entry) && entry!.Stamp == stamp)
            return (T)entry.Value!;
        // Loaded after the stamp was read: at worst newer than the stamp says, never older.
        var value = await load(cancellationToken);
        cache.Set(cacheKey, new Entry(stamp, value), new MemoryCacheEntryOptions { SlidingExpiration = KeepFor, Size = 1 });
        return value;
    }
}
