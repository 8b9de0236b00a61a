using System.Diagnostics;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog;

/// <summary>The outcome of walking the chain: intact, or the first record where it breaks and how.</summary>
public sealed record JournalVerification(bool Intact, long Checked, int Segments, long? BrokenId, string? Problem, TimeSpan Took)
{
    public double RecordsPerSecond => Took.TotalSeconds > 0 ? Checked / Took.TotalSeconds : Checked;
}

/// <summary>
/// Walks the organization's chain from the first record — through the archive segments, then the table, up to
/// the head as it was when the walk began — recomputing every hash, and names the first record that breaks it.
/// </summary>
public sealed class JournalVerifier(OrgDbContext db, JournalArchive archive)
{
    public async Task<JournalVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // Records up to the head are committed (the head moves in their transaction); later ones wait for the next walk.
        var head = await db.Set<JournalHead>().AsNoTracking().SingleAsync(cancellationToken);
        var segments = await db.Set<JournalSegment>().AsNoTracking().OrderBy(s => s.FirstId).ToListAsync(cancellationToken);
        var previousHash = JournalChain.Genesis;
        long expected = 1;
        long checkedCount = 0;

        JournalVerification Broken(long id, string problem) =>
            new(false, checkedCount, segments.Count, id, problem, watch.Elapsed);

        foreach (var segment in segments)
        {
            if (segment.FirstId != expected)
                return Broken(expected, $"Records {expected}–{segment.FirstId - 1} are missing before archive segment {segment.FileName}.");
            if (segment.PreviousHash != previousHash)
                return Broken(segment.FirstId, $"Archive segment {segment.FileName} does not continue the chain.");
            try
            {
                await foreach (var record in archive.ReadAsync(segment, cancellationToken))
                {
                    if (Check(record, ref expected, ref previousHash) is { } problem)
                        return Broken(Math.Min(expected, record.Id), problem);
                    checkedCount++;
                }
            }
            catch (Exception e) when (e is JournalArchiveException or System.Text.Json.JsonException or InvalidDataException)
            {
                return Broken(expected, e.Message);
            }

            if (expected != segment.LastId + 1 || previousHash != segment.LastHash)
                return Broken(expected, $"Archive segment {segment.FileName} does not hold the records it was registered with.");
        }

        var after = expected - 1;
        var last = head.LastId;
        await foreach (var record in db.Set<JournalRecord>().AsNoTracking()
                           .Where(r => r.Id > after && r.Id <= last).OrderBy(r => r.Id)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (Check(record, ref expected, ref previousHash) is { } problem)
                return Broken(Math.Min(expected, record.Id), problem);
            checkedCount++;
        }

        if (expected != head.LastId + 1)
            return Broken(expected, $"Records {expected}–{head.LastId} are missing: the chain's head says {head.LastId} records were written.");
        if (previousHash != head.LastHash)
            return Broken(head.LastId, "The last record is not the one the chain's head points to.");
        return new JournalVerification(true, checkedCount, segments.Count, null, null, watch.Elapsed);
    }

    private static string? Check(JournalRecord record, ref long expected, ref string previousHash)
    {
        if (record.Id != expected)
            return $"Record {expected} is missing (the next one is {record.Id}).";
        var hash = JournalChain.Compute(previousHash, record);
        if (!string.Equals(hash, record.Hash, StringComparison.Ordinal))
            return $"Record {record.Id} has been changed after it was written: its content does not match its hash.";
        previousHash = record.Hash;
        expected++;
        return null;
    }
}
