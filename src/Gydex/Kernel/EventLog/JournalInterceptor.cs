using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// Writes the journal in the same transaction as the change. At SaveChanges it describes every journaled entity
/// change, takes the records added explicitly, locks the chain's head, numbers and hashes the records and lets
/// them be saved with the change. When the caller has no transaction it opens one and commits it after the
/// save: the change and its records commit together or not at all. One instance serves every pooled context; who
/// acts and in which organization come from the services of the scope that rented the context.
/// </summary>
public sealed class JournalInterceptor(
    IEnumerable<JournaledEntity> journaled,
    JournalActionCatalog actions,
    JournalHeadCache heads,
    JournalOptions options,
    TimeProvider clock) : SaveChangesInterceptor, IOrgDbInterceptor
{
    private readonly Dictionary<Type, JournaledEntity> byType = journaled.ToDictionary(j => j.EntityType);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DbContext, Pending> pending = new(ReferenceEqualityComparer.Instance);

    private const string ReadHead = "SELECT \"LastId\", \"LastHash\" FROM \"JournalHeads\" WHERE \"Id\" = 1";

    private sealed record Pending(Guid Organization, IDisposable Turn, List<JournalRecord> Described, List<JournalRecord> Explicit)
    {
        public JournalHeadCache.Head? Written { get; set; }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && (Explicit(context).Count > 0 || context.ChangeTracker.Entries().Any(e => byType.ContainsKey(e.Metadata.ClrType))))
            throw new InvalidOperationException("Journaled changes are saved with SaveChangesAsync.");
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context)
            return result;

        var explicitRecords = Explicit(context);
        var described = await DescribeAsync(context, cancellationToken);
        if (explicitRecords.Count == 0 && described.Count == 0)
            return result;
        foreach (var record in explicitRecords.Concat(described))
        {
            if (actions.Find(record.Action) is null)
                throw new InvalidOperationException($"The journal action '{record.Action}' is not declared by any module.");
        }

        await DropSwitchedOffAsync(context, explicitRecords, described, cancellationToken);
        if (explicitRecords.Count == 0 && described.Count == 0)
            return result;

        // This node's writers of the organization take turns; another node's writer is caught by the head's
        // concurrency check and the save is retried (OrgDbContext.SaveChangesAsync).
        var organization = OrgDbContext.ScopeOf(context).GetRequiredService<CurrentOrganization>().Required.Id;
        var turn = await heads.TurnAsync(organization, cancellationToken);
        pending[context] = new Pending(organization, turn, described, explicitRecords);
        try
        {
            pending[context].Written = await AppendAsync(context, organization, explicitRecords.Concat(described).ToList(), cancellationToken);
        }
        catch
        {
            await FinishAsync(context, success: false, cancellationToken);
            throw;
        }

        foreach (var record in described)
            context.Add(record);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
            await FinishAsync(context, success: true, cancellationToken);
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
            await FinishAsync(context, success: false, CancellationToken.None);
    }

    /// <summary>The head was moved by someone else: forget it, put the records back, let the save be retried.</summary>
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
            await FinishAsync(context, success: false, CancellationToken.None);
        return result;
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
            await FinishAsync(context, success: false, CancellationToken.None);
    }

    /// <summary>Records added with <see cref="Journal.Add"/> and not yet numbered.</summary>
    private static List<JournalRecord> Explicit(DbContext context) =>
        context.ChangeTracker.Entries<JournalRecord>().Where(e => e.State == EntityState.Added && e.Entity.Id <= 0).Select(e => e.Entity).ToList();

    private async Task<List<JournalRecord>> DescribeAsync(DbContext context, CancellationToken cancellationToken)
    {
        var list = new List<JournalRecord>();
        var actor = OrgDbContext.ScopeOf(context).GetRequiredService<JournalActor>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || !byType.TryGetValue(entry.Metadata.ClrType, out var journal)
                || journal.Describe(entry, options.MaskPersonalData) is not { } record)
                continue;

            record.UserId = actor.UserId;
            record.UserName = JournalText.Clean(actor.UserName, JournalRecord.NameMaxLength);
            (record.OperatorId, record.OperatorName) = actor.Operator is { } op ? (op.Id, JournalText.Clean(op.Name, JournalRecord.NameMaxLength)) : (null, null);
            record.Ip = actor.Ip;
            record.Right = actor.Right;
            if (record.AffectedUserId is { } userId)
                record.AffectedUserName = JournalText.Clean(await UserNameAsync(context, userId, cancellationToken), JournalRecord.NameMaxLength);
            if (record.AffectedGroupId is { } groupId)
                record.AffectedGroupName = JournalText.Clean((await context.Set<Group>().FindAsync([groupId], cancellationToken))?.Name, JournalRecord.NameMaxLength);
            list.Add(record);
        }

        return list;
    }

    public static async Task<string?> UserNameAsync(DbContext context, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = await context.Set<GydexUser>().FindAsync([userId], cancellationToken);
        return user is null ? null : string.IsNullOrWhiteSpace(user.DisplayName) || user.DisplayName == user.UserName
            ? user.UserName
            : $"{user.DisplayName} ({user.UserName})";
    }

    /// <summary>Optional actions an administrator has switched off are not written.</summary>
    private async Task DropSwitchedOffAsync(DbContext context, List<JournalRecord> explicitRecords, List<JournalRecord> described, CancellationToken cancellationToken)
    {
        var optional = explicitRecords.Concat(described).Select(r => r.Action).Where(a => actions.Find(a)!.Optional).Distinct().ToList();
        if (optional.Count == 0)
            return;
        var off = await context.Set<DisabledJournalAction>().AsNoTracking().Where(d => optional.Contains(d.Action)).Select(d => d.Action).ToListAsync(cancellationToken);
        if (off.Count == 0)
            return;
        described.RemoveAll(r => off.Contains(r.Action));
        foreach (var record in explicitRecords.Where(r => off.Contains(r.Action)).ToList())
        {
            context.Entry(record).State = EntityState.Detached;
            explicitRecords.Remove(record);
        }
    }

    /// <summary>
    /// Numbers and chains the records after the head as this node last wrote it (read from the database when it
    /// does not know), and moves the head in the same batch, on condition that it is still where it was: the
    /// change, its records and the head commit in SaveChanges' one transaction, in two round trips.
    /// </summary>
    private async Task<JournalHeadCache.Head> AppendAsync(DbContext context, Guid organization, List<JournalRecord> records, CancellationToken cancellationToken)
    {
        var head = heads.Known(organization) ?? await ReadAsync(context, cancellationToken);
        var (lastId, lastHash) = (head.LastId, head.LastHash);
        var at = JournalChain.Truncate(clock.GetUtcNow());
        foreach (var record in records)
        {
            record.Id = ++lastId;
            record.At = at;
            record.Hash = JournalChain.Compute(lastHash, record);
            lastHash = record.Hash;
        }

        // The head's new position goes in the same batch; its LastId is a concurrency token, so a head someone
        // else moved meanwhile fails the save rather than forking the chain.
        var tracked = context.ChangeTracker.Entries<JournalHead>().FirstOrDefault();
        if (tracked is null)
        {
            tracked = context.Attach(new JournalHead { Id = JournalHead.SingletonId, LastId = head.LastId, LastHash = head.LastHash });
        }
        else
        {
            tracked.OriginalValues[nameof(JournalHead.LastId)] = head.LastId;
            tracked.OriginalValues[nameof(JournalHead.LastHash)] = head.LastHash;
        }

        tracked.Entity.LastId = lastId;
        tracked.Entity.LastHash = lastHash;
        return new JournalHeadCache.Head(lastId, lastHash);
    }

    private static async Task<JournalHeadCache.Head> ReadAsync(DbContext context, CancellationToken cancellationToken)
    {
        var row = await context.Database.SqlQueryRaw<HeadRow>(ReadHead).SingleAsync(cancellationToken);
        return new JournalHeadCache.Head(row.LastId, row.LastHash);
    }

    private async Task FinishAsync(DbContext context, bool success, CancellationToken cancellationToken)
    {
        if (!pending.TryRemove(context, out var work))
            return;
        if (!success)
        {
            // A retried save numbers them again after the head as it then is.
            foreach (var record in work.Explicit)
                record.Id = JournalRecord.ProvisionalId();
            foreach (var record in work.Described)
            {
                if (context.Entry(record).State != EntityState.Detached)
                    context.Entry(record).State = EntityState.Detached;
            }
        }

        // Saved inside a caller's transaction that may still roll back: a head remembered too far is only a
        // failed check and a retry at the next save, never a wrong chain.
        if (success && work.Written is { } written)
            heads.Remember(work.Organization, written);
        else
            heads.Forget(work.Organization);
        work.Turn.Dispose();
        await Task.CompletedTask;
    }

    private sealed class HeadRow
    {
        public long LastId { get; set; }

        public string LastHash { get; set; } = "";
    }
}
