using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Jobs;

/// <summary>
/// Leases of work in the catalog's <see cref="JobOccurrence"/> table, which every node shares. A scheduled
/// occurrence is claimed by inserting it (<see cref="TryClaimAsync"/>): the insert that succeeds wins. Work that
/// must survive a node — an import queued or running when its process stops — is <em>offered</em> instead: a row
/// that no node holds, then taken by one conditional UPDATE that only one node can win, renewed while the work
/// runs, and claimable again once it is given back or its holder has not renewed it within the lease's length.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The time of an offered or given-back lease: before any cutoff, so claimable at once.</summary>
    private static readonly DateTimeOffset Free = DateTimeOffset.UnixEpoch;

    /// <summary>This process among the nodes (a fresh id per start, so a restarted node never mistakes an old lease for its own).</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Claims (job, occurrence) for this node by inserting it; false when another node holds it.</summary>
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        catalog.Add(new JobOccurrence { Job = job, At = at.ToUniversalTime(), Node = Node, ClaimedAt = clock.GetUtcNow() });
        try
        {
            await catalog.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another node holds this occurrence
        }
    }

    /// <summary>
    /// Puts (job, occurrence) up for any node to take: inserted unheld, or, when it already ran to its end, opened
    /// again. A lease that is unfinished stays as it is (held or already offered).
    /// </summary>
    public async Task OfferAsync(string job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var utc = at.ToUniversalTime();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            catalog.Add(new JobOccurrence { Job = job, At = utc, Node = "", ClaimedAt = Free });
            try
            {
                await catalog.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // it exists: reopened below if it had finished
            }
        }

        await using var again = scopes.CreateAsyncScope();
        await again.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>()
            .Where(o => o.Job == job && o.At == utc && o.FinishedAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Node, "").SetProperty(o => o.ClaimedAt, Free)
                .SetProperty(o => o.FinishedAt, (DateTimeOffset?)null).SetProperty(o => o.Succeeded, (bool?)null), cancellationToken);
    }

    /// <summary>The unfinished leases of jobs starting with <paramref name="prefix"/> that nobody has held for <paramref name="length"/>: offered, given back, or left by a node that stopped.</summary>
    public async Task<List<JobOccurrence>> ClaimableAsync(string prefix, TimeSpan length, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - length;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>().AsNoTracking()
            .Where(o => o.Job.StartsWith(prefix) && o.FinishedAt == null && o.ClaimedAt < cutoff)
            .OrderBy(o => o.ClaimedAt).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Takes an unfinished lease nobody has renewed for <paramref name="length"/>. One UPDATE with that condition:
    /// of two nodes trying at once, the second finds it renewed (PostgreSQL re-checks the row after the first's
    /// commit; SQLite runs writers one at a time) and gets false.
    /// </summary>
    public async Task<bool> TryTakeAsync(string job, DateTimeOffset at, TimeSpan length, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - length;
        var utc = at.ToUniversalTime();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>()
            .Where(o => o.Job == job && o.At == utc && o.FinishedAt == null && o.ClaimedAt < cutoff)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Node, Node).SetProperty(o => o.ClaimedAt, now), cancellationToken) == 1;
    }

    /// <summary>Renews this node's lease; false when it is no longer this node's (another node took it over).</summary>
    public async Task<bool> RenewAsync(string job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var utc = at.ToUniversalTime();
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>()
            .Where(o => o.Job == job && o.At == utc && o.Node == Node && o.FinishedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedAt, now), cancellationToken) == 1;
    }

    /// <summary>Gives this node's unfinished lease back, claimable at once by any node (this one stops).</summary>
    public async Task ReleaseAsync(string job, DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>()
            .Where(o => o.Job == job && o.At == utc && o.Node == Node && o.FinishedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Node, "").SetProperty(o => o.ClaimedAt, Free));
    }

    /// <summary>Records the end of this node's lease.</summary>
    public async Task FinishAsync(string job, DateTimeOffset at, bool succeeded)
    {
        var utc = at.ToUniversalTime();
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>()
            .Where(o => o.Job == job && o.At == utc && o.Node == Node)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.FinishedAt, now).SetProperty(o => o.Succeeded, succeeded));
    }
}
