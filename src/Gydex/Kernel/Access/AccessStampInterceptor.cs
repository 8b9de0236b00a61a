using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gydex.Kernel.Access;

/// <summary>
/// Moves the organization's <see cref="AccessStamp"/> in the same transaction as any change that can alter
/// someone's rights, so no code path can forget to, and a rolled-back change moves nothing. The increment is
/// done by the database (<c>Version = Version + 1</c>), so parallel writers never lose one another's move.
/// </summary>
public sealed class AccessStampInterceptor : SaveChangesInterceptor, IOrgDbInterceptor
{
    private readonly Dictionary<DbContext, IDbContextTransaction> owned = new(ReferenceEqualityComparer.Instance);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && ChangesAccess(context.ChangeTracker))
            throw new InvalidOperationException("Changes of access are saved with SaveChangesAsync.");
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context || !ChangesAccess(context.ChangeTracker))
            return result;
        if (context.Database.CurrentTransaction is null)
        {
            owned[context] = await context.Database.BeginTransactionAsync(cancellationToken);
            context.Database.AutoSavepointsEnabled = false;
        }

        await context.Database.ExecuteSqlAsync(
            $"UPDATE \"AccessStamps\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = {AccessStamp.SingletonId}", cancellationToken);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && owned.Remove(context, out var transaction))
        {
            await using (transaction)
                await transaction.CommitAsync(cancellationToken);
            context.Database.AutoSavepointsEnabled = true;
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData?.Context);

    /// <summary>A conflict (the journal's head moved) ends the save before it is retried: roll back what it began.</summary>
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await RollBackAsync(eventData?.Context);
        return result;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData?.Context);

    private async Task RollBackAsync(DbContext? context)
    {
        if (context is null || !owned.Remove(context, out var transaction))
            return;
        await using (transaction)
            await transaction.RollbackAsync(CancellationToken.None);
        context.Database.AutoSavepointsEnabled = true;
    }

    private static bool ChangesAccess(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case Group or GroupMember or GroupGrant or UserGrant or Department:
                    return true;
                case GydexUser when entry.State != EntityState.Modified:
                    return true;
                case GydexUser when entry.Property(nameof(GydexUser.IsDisabled)).IsModified
                    || entry.Property(nameof(GydexUser.DepartmentId)).IsModified:
                    return true;
            }
        }

        return false;
    }
}
