using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gydex.Kernel.Access;

/// <summary>
/// Each organization's <see cref="AccessStamp"/> as this node last read it, so that a busy node looks the stamp up
/// once per <see cref="FreshFor"/> (<c>Access:StampFreshFor</c>, one second by default) instead of on every request.
/// A change saved on this node forgets its organization's stamp as it commits, so this node acts on it at its next
/// request; a change saved on another node is acted on here within <see cref="FreshFor"/>.
/// </summary>
public sealed class KnownStamps(IConfiguration configuration)
{
    public TimeSpan FreshFor { get; } = configuration.GetValue<TimeSpan?>("Access:StampFreshFor") ?? TimeSpan.FromSeconds(1);

    /// <summary>An organization's stamp as read at <see cref="ReadAt"/>; a forget moves <see cref="Generation"/>.</summary>
    private sealed class Slot
    {
        public long Version;
        public long ReadAt;
        public bool Known;
        public long Generation;
    }

    private readonly ConcurrentDictionary<Guid, Slot> slots = new();

    /// <summary>The stamp if it was read less than <see cref="FreshFor"/> ago; otherwise the generation to <see cref="Remember"/> a fresh read under.</summary>
    public bool TryGet(Guid organizationId, out long version, out long generation)
    {
        var slot = slots.GetOrAdd(organizationId, _ => new Slot());
        lock (slot)
        {
            (version, generation) = (slot.Version, slot.Generation);
            return slot.Known && Stopwatch.GetElapsedTime(slot.ReadAt) < FreshFor;
        }
    }

    /// <summary>
    /// Keeps a stamp read from the database, unless the organization's stamp was forgotten since
    /// <paramref name="generation"/> was taken: that read may have preceded the change that caused the forget.
    /// </summary>
    public void Remember(Guid organizationId, long version, long generation, long readAt)
    {
        var slot = slots.GetOrAdd(organizationId, _ => new Slot());
        lock (slot)
        {
            if (slot.Generation != generation)
                return;
            (slot.Version, slot.ReadAt, slot.Known) = (version, readAt, true);
        }
    }

    /// <summary>The organization's stamp moved (a committed change on this node, a restored database): read it again.</summary>
    public void Forget(Guid organizationId)
    {
        var slot = slots.GetOrAdd(organizationId, _ => new Slot());
        lock (slot)
        {
            slot.Known = false;
            slot.Generation++;
        }
    }
}
