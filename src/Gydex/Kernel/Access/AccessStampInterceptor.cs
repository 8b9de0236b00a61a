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
/// Once the move is committed, this node's <see cref="KnownStamps"/> forgets the organization's stamp, so its next
/// request reads the new one; not before, or a request could read the old stamp again and keep it.
/// </summary>
public sealed class AccessStampInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor, IOrgDbInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Committed(eventData.Context);
    }

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData?.Context is OrgDbContext context)
            context.AccessStampMovedUncommitted = false;
    }

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>Committed now when SaveChanges ran its own transaction; at the caller's commit otherwise.</summary>
    private static void Saved(DbContext? context)
    {
        if (context is OrgDbContext { AccessStampMovedUncommitted: true } org && org.Database.CurrentTransaction is null)
            Committed(org);
    }

    private static void Committed(DbContext? context)
    {
        if (context is not OrgDbContext { AccessStampMovedUncommitted: true } org)
            return;
        org.AccessStampMovedUncommitted = false;
        var scope = OrgDbContext.ScopeOf(org);
        scope.GetRequiredService<KnownStamps>().Forget(scope.GetRequiredService<Organizations.CurrentOrganization>().Required.Id);
    }

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
        ((OrgDbContext)context).AccessStampMovedUncommitted = true;
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
