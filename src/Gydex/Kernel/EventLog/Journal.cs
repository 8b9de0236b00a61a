using System.Collections.Concurrent;
using System.Threading.Channels;
using Gydex.Kernel.Access;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog;

/// <summary>What an explicit record says beyond who acted, from where and when (which the journal fills in).</summary>
public sealed record JournalEntry(JournalAction Action)
{
    public Guid? AffectedUserId { get; init; }

    public string? AffectedUserName { get; init; }

    public Guid? AffectedGroupId { get; init; }

    public string? AffectedGroupName { get; init; }

    /// <summary>The right used, where it is not the endpoint's own.</summary>
    public Right? Right { get; init; }

    public string? DocumentType { get; init; }

    public string? DocumentId { get; init; }

    public string? DocumentCode { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<FieldChange>? Changes { get; init; }

    /// <summary>Who acted, where the request's principal does not say it yet (the moment of signing in).</summary>
    public Guid? ActingUserId { get; init; }

    public string? ActingUserName { get; init; }

    /// <summary>For an attempt by someone not signed in (a failed sign-in): record no acting user.</summary>
    public bool Anonymous { get; init; }
}

/// <summary>
/// Explicit records: actions that change no entity (sign-in, download, export, a denied attempt) or that say
/// more than a field diff. <see cref="Add"/> joins the record to a change being saved; <see cref="RecordAsync"/>
/// writes it on its own at once.
/// </summary>
public sealed class Journal(JournalActionCatalog catalog, JournalActor actor, JournalAppender appender, CurrentOrganization organization)
{
    /// <summary>Written by the next <c>SaveChangesAsync</c> of <paramref name="db"/>, in its transaction.</summary>
    public void Add(OrgDbContext db, JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Add(ToRecord(entry));
    }

    /// <summary>Written now, in a transaction of its own, batched with other records being written at the same moment.</summary>
    public Task RecordAsync(JournalEntry entry, CancellationToken cancellationToken) =>
        appender.AppendAsync(organization.Required, ToRecord(entry), cancellationToken);

    private JournalRecord ToRecord(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!catalog.IsDeclared(entry.Action))
            throw new InvalidOperationException($"The journal action '{entry.Action.Code}' is not declared by any module.");
        var anonymous = entry.Anonymous;
        return new JournalRecord
        {
            Id = JournalRecord.ProvisionalId(),
            Action = entry.Action.Code,
            Ip = actor.Ip,
            UserId = entry.ActingUserId ?? (anonymous ? null : actor.UserId),
            UserName = JournalText.Clean(entry.ActingUserId is not null ? entry.ActingUserName : anonymous ? null : actor.UserName, JournalRecord.NameMaxLength),
            OperatorId = actor.Operator?.Id,
            OperatorName = JournalText.Clean(actor.Operator?.Name, JournalRecord.NameMaxLength),
            AffectedUserId = entry.AffectedUserId,
            AffectedUserName = JournalText.Clean(entry.AffectedUserName, JournalRecord.NameMaxLength),
            AffectedGroupId = entry.AffectedGroupId,
            AffectedGroupName = JournalText.Clean(entry.AffectedGroupName, JournalRecord.NameMaxLength),
            Right = entry.Right?.Code ?? actor.Right,
            DocumentType = entry.DocumentType,
            DocumentId = JournalText.Clean(entry.DocumentId, JournalRecord.DocumentIdMaxLength),
            DocumentCode = JournalText.Clean(entry.DocumentCode, JournalRecord.DocumentCodeMaxLength),
            Comment = JournalText.Clean(entry.Comment, JournalRecord.CommentMaxLength),
            Changes = entry.Changes is { Count: > 0 } changes
                ? JournalChanges.Serialize([.. changes.Select(c => new FieldChange(c.Field, JournalText.Clean(c.Old, 1000), JournalText.Clean(c.New, 1000)))])
                : null,
        };
    }
}

/// <summary>
/// Writes explicit records that stand alone. Records arriving together (a flood of failed sign-ins) share one
/// transaction and one turn at the chain's head, so the flood costs the others one short wait, not one each.
/// A caller returns only once its record is committed.
/// </summary>
public sealed class JournalAppender(OrgScopes scopes, ILogger<JournalAppender> logger)
{
    private const int BatchSize = 500;
    private readonly ConcurrentDictionary<Guid, OrgQueue> queues = new();

    private sealed class OrgQueue
    {
        public readonly Channel<(Organization Org, JournalRecord Record, TaskCompletionSource Done)> Channel =
            System.Threading.Channels.Channel.CreateUnbounded<(Organization, JournalRecord, TaskCompletionSource)>();

        public int Draining;
    }

    public async Task AppendAsync(Organization organization, JournalRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var queue = queues.GetOrAdd(organization.Id, _ => new OrgQueue());
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Channel.Writer.TryWrite((organization, record, done));
        StartDraining(queue);
        await done.Task.WaitAsync(cancellationToken);
    }

    private void StartDraining(OrgQueue queue)
    {
        if (Interlocked.CompareExchange(ref queue.Draining, 1, 0) != 0)
            return;
        // The writer is nobody's request: it must not carry the first caller's context along.
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(() => DrainAsync(queue));
    }

    private async Task DrainAsync(OrgQueue queue)
    {
        while (true)
        {
            var batch = new List<(Organization Org, JournalRecord Record, TaskCompletionSource Done)>();
            while (batch.Count < BatchSize && queue.Channel.Reader.TryRead(out var item))
                batch.Add(item);
            if (batch.Count == 0)
            {
                Volatile.Write(ref queue.Draining, 0);
                // Something may have arrived after the last read and before the flag was cleared.
                if (queue.Channel.Reader.TryPeek(out _) && Interlocked.CompareExchange(ref queue.Draining, 1, 0) == 0)
                    continue;
                return;
            }

            try
            {
                await using var scope = scopes.CreateScope(batch[0].Org);
                var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
                db.AddRange(batch.Select(b => b.Record));
                await db.SaveChangesAsync();
                foreach (var item in batch)
                    item.Done.TrySetResult();
            }
#pragma warning disable CA1031 // the failure goes to every caller whose record it was
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Journal records of {Org} could not be written", batch[0].Org.Slug);
                foreach (var item in batch)
                    item.Done.TrySetException(ex);
            }
        }
    }
}
