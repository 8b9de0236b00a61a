using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// Retention: records older than the configured period move from the table into archive segments — gzip'd
/// JSON lines in the organization's folder — each registered with the chain's boundary hashes, so the
/// verifier walks the segments and then the table as one chain.
/// </summary>
public sealed class JournalArchive(
    OrgDbContext db, StorageOptions storage, CurrentOrganization organization, JournalOptions options,
    DatabaseProvider provider, Journal journal, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A constant of the provider's, nothing from outside.
    private readonly string lockHead = "SELECT \"LastId\" AS \"Value\" FROM \"JournalHeads\" WHERE \"Id\" = 1" + provider.ForUpdate;

    public string Folder => Path.Combine(storage.OrgFolder(organization.Required.Id), "journal");

    /// <summary>Archives every record older than <paramref name="before"/>; returns how many records moved.</summary>
    public async Task<long> ArchiveAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        long moved = 0;
        while (true)
        {
            var segment = await ArchiveSegmentAsync(before, cancellationToken);
            if (segment is null)
                return moved;
            moved += segment.Count;
        }
    }

    /// <summary>Archives per the configured retention, if there is one.</summary>
    public Task<long> ApplyRetentionAsync(CancellationToken cancellationToken) =>
        options.RetentionDays > 0
            ? ArchiveAsync(clock.GetUtcNow().AddDays(-options.RetentionDays), cancellationToken)
            : Task.FromResult(0L);

    private async Task<JournalSegment?> ArchiveSegmentAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Holding the head keeps a second archiver (another node) from writing the same segment.
        await db.Database.SqlQueryRaw<long>(lockHead).SingleAsync(cancellationToken);
        var previous = await db.Set<JournalSegment>().AsNoTracking().OrderByDescending(s => s.LastId).FirstOrDefaultAsync(cancellationToken);
        var afterId = previous?.LastId ?? 0;
        var records = await db.Set<JournalRecord>().AsNoTracking()
            .Where(r => r.Id > afterId)
            .OrderBy(r => r.Id)
            .Take(options.SegmentSize)
            .ToListAsync(cancellationToken);
        var old = records.TakeWhile(r => r.At < before).ToList();
        if (old.Count == 0)
            return null;

        var previousHash = previous?.LastHash ?? JournalChain.Genesis;
        if (old[0].Id != afterId + 1)
            throw new InvalidOperationException($"The journal has a gap before record {old[0].Id}: run the verifier.");
        Directory.CreateDirectory(Folder);
        var name = $"segment-{old[0].Id:D12}-{old[^1].Id:D12}.jsonl.gz";
        var sha = await WriteAsync(Path.Combine(Folder, name), old, cancellationToken);
        var segment = new JournalSegment
        {
            Id = (previous?.Id ?? 0) + 1,
            FirstId = old[0].Id,
            LastId = old[^1].Id,
            Count = old.Count,
            PreviousHash = previousHash,
            LastHash = old[^1].Hash,
            FirstAt = old[0].At,
            LastAt = old[^1].At,
            FileName = name,
            FileSha256 = sha,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(segment);
        journal.Add(db, new JournalEntry(JournalActions.Archived)
        {
            DocumentType = "journal-segment",
            DocumentId = segment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DocumentCode = name,
            Comment = $"records {segment.FirstId}–{segment.LastId} ({segment.Count})",
        });
        await db.SaveChangesAsync(cancellationToken);
        var firstId = segment.FirstId;
        var lastId = segment.LastId;
        // The delete trigger lets only records a segment holds leave the table.
        await db.Set<JournalRecord>().Where(r => r.Id >= firstId && r.Id <= lastId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return segment;
    }

    /// <summary>Written to a temporary file and moved into place only when complete.</summary>
    private static async Task<string> WriteAsync(string path, List<JournalRecord> records, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
            {
                foreach (var record in records)
                {
                    await JsonSerializer.SerializeAsync(gzip, record, Json, cancellationToken);
                    gzip.WriteByte((byte)'\n');
                }
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        await using var written = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancellationToken));
    }

    /// <summary>The records of a segment, in order; the file's SHA-256 must be the one registered.</summary>
    public async IAsyncEnumerable<JournalRecord> ReadAsync(JournalSegment segment,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var path = Path.Combine(Folder, Path.GetFileName(segment.FileName));
        if (!File.Exists(path))
            throw new JournalArchiveException($"The archive file {segment.FileName} is missing.");
        await using (var check = File.OpenRead(path))
        {
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(check, cancellationToken)) != segment.FileSha256)
                throw new JournalArchiveException($"The archive file {segment.FileName} is not the one written (its SHA-256 differs).");
        }

        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
                continue;
            yield return JsonSerializer.Deserialize<JournalRecord>(line, Json)
                ?? throw new JournalArchiveException($"The archive file {segment.FileName} holds an empty record.");
        }
    }
}

public sealed class JournalArchiveException(string message) : Exception(message);
