using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gydex.Kernel.Access;

/// <summary>
/// Moves the organization's <see cref="AccessStamp"/> in the same SaveChanges as any change that can alter
/// someone's rights, so no code path can forget to, and a rolled-back change moves nothing.
/// </summary>
public sealed class AccessStampInterceptor : SaveChangesInterceptor, IOrgDbInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && ChangesAccess(context.ChangeTracker))
            Bump(context, context.Set<AccessStamp>().Find(AccessStamp.SingletonId));
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && ChangesAccess(context.ChangeTracker))
            Bump(context, await context.Set<AccessStamp>().FindAsync([AccessStamp.SingletonId], cancellationToken));
        return result;
    }

    private static void Bump(DbContext context, AccessStamp? stamp)
    {
        if (stamp is null)
            context.Set<AccessStamp>().Add(new AccessStamp { Version = 2 });
        else
            stamp.Version++;
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
