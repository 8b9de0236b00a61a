using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gydex.Kernel.Access;

/// <summary>
/// Moves the organization's <see cref="AccessStamp"/> in the same SaveChanges — the same batch and transaction —
/// as any change that can alter someone's rights, so no code path can forget to, and a rolled-back change moves
/// nothing. The same stamp keeps <see cref="OrgCache"/> fresh: people's names and departments and the entities
/// marked <see cref="IOrgCached"/> move it too. Nodes only compare the stamp for equality, so each move writes a fresh random value: two writers at
/// once can never write the same value and leave a node's stale cache looking fresh (an increment could).
/// </summary>
public sealed class AccessStampInterceptor : SaveChangesInterceptor, IOrgDbInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && ChangesAccess(context.ChangeTracker))
            Move(context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && ChangesAccess(context.ChangeTracker))
            Move(context);
        return ValueTask.FromResult(result);
    }

    private static void Move(DbContext context)
    {
        var entry = context.ChangeTracker.Entries<AccessStamp>().FirstOrDefault()
            ?? context.Attach(new AccessStamp { Id = AccessStamp.SingletonId });
        long next;
        do
            next = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        while (next == entry.Entity.Version);
        entry.Entity.Version = next;
        entry.Property(s => s.Version).IsModified = true;
    }

    private static bool ChangesAccess(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case Group or GroupMember or GroupGrant or UserGrant or Department or IOrgCached:
                    return true;
                case GydexUser when entry.State != EntityState.Modified:
                    return true;
                case GydexUser when entry.Property(nameof(GydexUser.IsDisabled)).IsModified
                    || entry.Property(nameof(GydexUser.DepartmentId)).IsModified
                    || entry.Property(nameof(GydexUser.DisplayName)).IsModified:
                    return true;
            }
        }

        return false;
    }
}

/// <summary>
/// An entity that pages read through <see cref="OrgCache"/>: saving a change to one moves the organization's stamp,
/// which is what makes every node load it again. Changed through SaveChanges only, never by bulk statements.
/// </summary>
public interface IOrgCached;
