using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog;

/// <summary>What the journal page, the API and the export filter by. Instants are UTC; <see cref="Before"/> is the cursor.</summary>
public sealed record JournalFilter
{
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }

    public Guid? UserId { get; init; }

    public Guid? AffectedUserId { get; init; }

    public Guid? AffectedGroupId { get; init; }

    public string? Action { get; init; }

    public string? Right { get; init; }

    public string? DocumentType { get; init; }

    public string? DocumentId { get; init; }

    public string? DocumentCode { get; init; }

    public string? Ip { get; init; }

    public string? Text { get; init; }

    /// <summary>Keyset paging: only records older (smaller id) than this one.</summary>
    public long? Before { get; init; }
}

public sealed record JournalPage(IReadOnlyList<JournalRecord> Records, long? Next);

/// <summary>
/// Reads the journal newest first with keyset paging: each page starts below the last id seen, so page 1000
/// costs what page 1 does, and no COUNT is ever taken. Someone with only <c>journal.view_own</c> sees their
/// own actions whatever the filter says.
/// </summary>
public sealed class JournalQuery(OrgDbContext db, CurrentAccess access)
{
    public const int MaxPageSize = 500;

    public bool SeesEveryone => access.Has(JournalRights.View);

    public IQueryable<JournalRecord> Query(JournalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Set<JournalRecord>().AsNoTracking();
        if (!SeesEveryone)
        {
            var me = access.UserId ?? Guid.Empty;
            query = query.Where(r => r.UserId == me);
        }

        if (filter.From is { } from)
            query = query.Where(r => r.At >= from);
        if (filter.To is { } to)
            query = query.Where(r => r.At < to);
        if (filter.UserId is { } user)
            query = query.Where(r => r.UserId == user);
        if (filter.AffectedUserId is { } affected)
            query = query.Where(r => r.AffectedUserId == affected);
        if (filter.AffectedGroupId is { } group)
            query = query.Where(r => r.AffectedGroupId == group);
        if (!string.IsNullOrWhiteSpace(filter.Action))
            query = query.Where(r => r.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Right))
            query = query.Where(r => r.Right == filter.Right);
        if (!string.IsNullOrWhiteSpace(filter.DocumentType))
            query = query.Where(r => r.DocumentType == filter.DocumentType);
        if (!string.IsNullOrWhiteSpace(filter.DocumentId))
            query = query.Where(r => r.DocumentId == filter.DocumentId);
        if (!string.IsNullOrWhiteSpace(filter.DocumentCode))
            query = query.Where(r => r.DocumentCode == filter.DocumentCode);
        if (!string.IsNullOrWhiteSpace(filter.Ip))
            query = query.Where(r => r.Ip == filter.Ip);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(r => r.Comment!.Contains(text) || r.Changes!.Contains(text) || r.DocumentCode!.Contains(text));
        }

        if (filter.Before is { } before)
            query = query.Where(r => r.Id < before);
        return query.OrderByDescending(r => r.Id);
    }

    public async Task<JournalPage> PageAsync(JournalFilter filter, int size, CancellationToken cancellationToken)
    {
        size = Math.Clamp(size, 1, MaxPageSize);
        var records = await Query(filter).Take(size + 1).ToListAsync(cancellationToken);
        var more = records.Count > size;
        if (more)
            records.RemoveAt(size);
        return new JournalPage(records, more ? records[^1].Id : null);
    }

    /// <summary>A document's records (its History tab), newest first.</summary>
    public Task<JournalPage> HistoryAsync(string documentType, string documentId, long? before, int size, CancellationToken cancellationToken) =>
        PageAsync(new JournalFilter { DocumentType = documentType, DocumentId = documentId, Before = before }, size, cancellationToken);
}
