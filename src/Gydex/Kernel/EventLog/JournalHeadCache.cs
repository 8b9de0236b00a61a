using System.Collections.Concurrent;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// Where this node last left each organization's chain, and the turn its writers take: with it an audited save
/// needs no extra round trip to read the head. It is only a guess — the head's concurrency check in the
/// database is what keeps the chain single.
/// </summary>
public sealed class JournalHeadCache
{
    public sealed record Head(long LastId, string LastHash);

    private readonly ConcurrentDictionary<Guid, Head> known = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> turns = new();

    public Head? Known(Guid organization) => known.GetValueOrDefault(organization);

    public void Remember(Guid organization, Head head) => known[organization] = head;

    public void Forget(Guid organization) => known.TryRemove(organization, out _);

    /// <summary>Waits for this node's previous writer of the organization to finish its save.</summary>
    public async Task<IDisposable> TurnAsync(Guid organization, CancellationToken cancellationToken)
    {
        var gate = turns.GetOrAdd(organization, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                gate.Release();
        }
    }
}
