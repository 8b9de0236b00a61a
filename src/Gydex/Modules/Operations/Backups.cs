using System.Globalization;
using System.Security.Cryptography;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations;

/// <summary>
/// Takes, verifies, lists and restores backups. A backup is written into a hidden <c>.partial-…</c> folder, moved
/// into place only when whole, recorded complete after that, and then restored into a scratch database and checked;
/// only a complete and verified backup is ever offered for a restore.
/// </summary>
public sealed class Backups(
    CatalogDbContext catalog,
    DatabaseProvider provider,
    DatabaseSnapshots snapshots,
    StorageOptions storage,
    BackupOptions options,
    OrgScopes scopes,
    OrganizationDirectory directory,
    BackupRotation rotation,
    TimeProvider clock,
    ILogger<Backups> logger)
{
    public string Root => BackupArea.Root(options, storage);

    public Task<List<BackupRecord>> ListAsync(Guid? organizationId, CancellationToken cancellationToken) =>
        catalog.Set<BackupRecord>().AsNoTracking()
            .Where(b => b.OrganizationId == organizationId)
            .OrderByDescending(b => b.TakenAt).ThenByDescending(b => b.Id)
            .ToListAsync(cancellationToken);

    public Task<BackupRecord?> FindAsync(Guid? organizationId, string backupId, CancellationToken cancellationToken) =>
        catalog.Set<BackupRecord>().AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == backupId && b.OrganizationId == organizationId, cancellationToken);

    /// <summary>Takes a backup of the organization (null: of the catalog) and verifies it; the record says how both went.</summary>
    public async Task<BackupRecord> CreateAsync(Organization? organization, BackupTrigger trigger, CancellationToken cancellationToken)
    {
        if (organization is { IsTestCopy: true })
            throw new BackupException("A test copy is not backed up: refresh it from its organization instead.");
        var now = clock.GetUtcNow();
        var record = new BackupRecord
        {
            Id = BackupArea.NewId(now),
            OrganizationId = organization?.Id,
            Trigger = trigger,
            Status = BackupStatus.Running,
            TakenAt = now,
            Verification = VerificationOutcome.Pending,
            Stage = "database",
        };
        catalog.Add(record);
        await catalog.SaveChangesAsync(cancellationToken);

        var subject = BackupArea.SubjectFolder(Root, organization?.Id);
        var partial = Path.Combine(subject, ".partial-" + record.Id);
        try
        {
            Directory.CreateDirectory(partial);
            var databaseFile = Path.Combine(partial, snapshots.FileName);
            var connectionString = organization is null ? catalog.Database.GetConnectionString()! : ConnectionStringOf(organization);
            var facts = await snapshots.DumpAsync(connectionString, databaseFile, cancellationToken);
            var (databaseSha, databaseSize) = await BackupArea.HashAsync(databaseFile, cancellationToken);
            await ProgressAsync(record, "files", 40, cancellationToken);

            var (files, newBytes) = organization is null ? ([], 0) : await CopyFilesAsync(organization.Id, cancellationToken);
            var manifest = new BackupManifest
            {
                Id = record.Id,
                OrganizationId = organization?.Id,
                OrganizationSlug = organization?.Slug,
                OrganizationName = organization?.Name,
                TakenAt = now,
                Provider = provider.Kind.ToString(),
                SchemaVersion = facts.SchemaVersion,
                Database = new BackupPart(snapshots.FileName, databaseSha, databaseSize),
                RowCounts = facts.RowCounts,
                Files = files,
            };
            await manifest.WriteAsync(partial, cancellationToken);
            Directory.Move(partial, BackupArea.BackupFolder(Root, organization?.Id, record.Id));

            record.Status = BackupStatus.Complete;
            record.CompletedAt = clock.GetUtcNow();
            record.SchemaVersion = facts.SchemaVersion;
            record.DatabaseBytes = databaseSize;
            record.FileCount = files.Count;
            record.FileBytes = files.Sum(f => f.Size);
            record.NewFileBytes = newBytes;
            await ProgressAsync(record, "verifying", 70, cancellationToken);
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or DbUpdateException
                                      or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or OperationCanceledException)
        {
            logger.LogError(e, "Backup {Backup} of {Subject} failed", record.Id, organization?.Slug ?? "the catalog");
            record.Status = BackupStatus.Failed;
            record.Problem = Truncate(e.Message);
            record.Stage = null;
            await catalog.SaveChangesAsync(CancellationToken.None);
            TryDelete(partial);
            if (e is OperationCanceledException)
                throw;
            return record;
        }

        await VerifyAsync(record, cancellationToken);
        if (record.IsUsable)
            await rotation.AfterBackupAsync(this, organization?.Id, cancellationToken);
        return record;
    }

    /// <summary>Verifies a backup where it is kept (or on the offsite destination) and records the outcome.</summary>
    public async Task VerifyAsync(BackupRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tracked = catalog.Set<BackupRecord>().Local.FirstOrDefault(b => b.Id == record.Id)
                      ?? await catalog.Set<BackupRecord>().SingleAsync(b => b.Id == record.Id, cancellationToken);
        var problem = await CheckAsync(Root, tracked.OrganizationId, tracked.Id, cancellationToken);
        tracked.Verification = problem is null ? VerificationOutcome.Passed : VerificationOutcome.Failed;
        tracked.Problem = Truncate(problem);
        tracked.VerifiedAt = clock.GetUtcNow();
        tracked.Stage = null;
        tracked.Progress = 100;
        await catalog.SaveChangesAsync(CancellationToken.None);
        if (problem is not null)
            logger.LogError("Backup {Backup} of {Subject} failed verification: {Problem}", tracked.Id, tracked.OrganizationId?.ToString() ?? "the catalog", problem);
        else
            logger.LogInformation("Backup {Backup} of {Subject} verified", tracked.Id, tracked.OrganizationId?.ToString() ?? "the catalog");
        if (!ReferenceEquals(tracked, record))
            catalog.Entry(record).CurrentValues.SetValues(tracked);
    }

    /// <summary>
    /// Restores the backup into a scratch database and checks it: the dump's and every sampled content's SHA-256,
    /// a clean restore, the engine's integrity check, the row count of every table against the snapshot's, and the
    /// journal's hash chain. Null when all hold, else the first problem.
    /// </summary>
    public async Task<string?> CheckAsync(string root, Guid? organizationId, string backupId, CancellationToken cancellationToken)
    {
        var folder = BackupArea.BackupFolder(root, organizationId, backupId);
        if (!Directory.Exists(folder))
            return "The backup's folder is missing.";
        var scratch = ScratchOrganization();
        try
        {
            var manifest = await BackupManifest.ReadAsync(folder, cancellationToken);
            if (manifest.Id != backupId || manifest.OrganizationId != organizationId)
                return "The manifest belongs to another backup.";
            var databaseFile = Path.Combine(folder, Path.GetFileName(manifest.Database.Path));
            if (!File.Exists(databaseFile))
                return "The database dump is missing.";
            var (sha, size) = await BackupArea.HashAsync(databaseFile, cancellationToken);
            if (sha != manifest.Database.Sha256 || size != manifest.Database.Size)
                return "The database dump does not match its SHA-256 in the manifest.";

            foreach (var part in manifest.Files)
            {
                var blob = BackupArea.BlobPath(root, organizationId, part.Sha256);
                if (!File.Exists(blob))
                    return $"The content of {part.Path} is missing.";
                if (new FileInfo(blob).Length != part.Size)
                    return $"The content of {part.Path} has the wrong size.";
            }

            foreach (var part in Sample(manifest.Files, options.VerifySampleFiles))
            {
                var (blobSha, _) = await BackupArea.HashAsync(BackupArea.BlobPath(root, organizationId, part.Sha256), cancellationToken);
                if (blobSha != part.Sha256)
                    return $"The content of {part.Path} does not match its SHA-256.";
            }

            var scratchConnection = ConnectionStringOf(scratch);
            try
            {
                await snapshots.RestoreAsync(databaseFile, scratchConnection, cancellationToken);
            }
            catch (Exception e) when (e is BackupException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
            {
                return "The dump does not restore: " + e.Message;
            }

            if (await snapshots.CheckIntegrityAsync(scratchConnection, cancellationToken) is { } integrity)
                return integrity;
            var facts = await snapshots.FactsAsync(scratchConnection, cancellationToken);
            foreach (var (table, expected) in manifest.RowCounts)
            {
                if (!facts.RowCounts.TryGetValue(table, out var actual))
                    return $"Table {table} is missing from the restored database.";
                if (actual != expected)
                    return string.Create(CultureInfo.InvariantCulture, $"Table {table} has {actual} rows after the restore, {expected} at the snapshot.");
            }

            if (facts.RowCounts.Count != manifest.RowCounts.Count)
                return "The restored database has tables the snapshot did not have.";

            if (organizationId is not null)
            {
                await PlaceFilesAsync(root, organizationId, manifest, storage.OrgFolder(scratch.Id), onlyJournal: true, cancellationToken);
                await using var scope = scopes.CreateScope(scratch);
                var verification = await scope.ServiceProvider.GetRequiredService<JournalVerifier>().VerifyAsync(cancellationToken);
                if (!verification.Intact)
                    return "The journal's chain does not verify: " + verification.Problem;
            }

            return null;
        }
        catch (BackupException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            return "The backup cannot be checked: " + e.Message;
        }
        finally
        {
            await DropAsync(scratch);
        }
    }

    /// <summary>
    /// Restores a verified backup of <paramref name="source"/> into <paramref name="target"/> (the organization
    /// itself, its test copy or a new organization, already recorded in the catalog): its database replaced, its
    /// folder replaced, migrated to the current schema, and the restore recorded in its journal.
    /// </summary>
    public async Task RestoreIntoAsync(Organization source, BackupRecord backup, Organization target, string actorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(target);
        if (!backup.IsUsable || backup.OrganizationId != source.Id)
            throw new BackupException("Only a complete, verified backup of this organization can be restored.");
        var folder = BackupArea.BackupFolder(Root, source.Id, backup.Id);
        var manifest = await BackupManifest.ReadAsync(folder, cancellationToken);
        var databaseFile = Path.Combine(folder, Path.GetFileName(manifest.Database.Path));
        var (sha, _) = await BackupArea.HashAsync(databaseFile, cancellationToken);
        if (sha != manifest.Database.Sha256)
            throw new BackupException("The database dump does not match its SHA-256 in the manifest.");

        // A serving organization stops being served (every node shows "being restored") before its database goes.
        var serving = await catalog.Organizations.SingleAsync(o => o.Id == target.Id, cancellationToken);
        var statusBefore = serving.Status;
        if (statusBefore is OrganizationStatus.Active or OrganizationStatus.Suspended)
        {
            serving.Status = OrganizationStatus.Restoring;
            await catalog.SaveChangesAsync(cancellationToken);
            directory.Forget(serving.Slug);
            await Task.Delay(TimeSpan.FromSeconds(options.RestoreDrainSeconds), cancellationToken);
        }

        try
        {
            await ReplaceAsync(source, backup, target, manifest, databaseFile, actorName, cancellationToken);
        }
        finally
        {
            // Served again as it was before, restored or not: a failed restore is reported to the one who started it.
            var row = await catalog.Organizations.SingleAsync(o => o.Id == target.Id, CancellationToken.None);
            if (row.Status == OrganizationStatus.Restoring)
            {
                row.Status = statusBefore;
                await catalog.SaveChangesAsync(CancellationToken.None);
            }

            directory.Forget(row.Slug);
        }
    }

    private async Task ReplaceAsync(Organization source, BackupRecord backup, Organization target, BackupManifest manifest,
        string databaseFile, string actorName, CancellationToken cancellationToken)
    {
        // The files first, into a folder beside, swapped in at the end: a failure leaves the old folder whole.
        var orgFolder = storage.OrgFolder(target.Id);
        var incoming = orgFolder + ".restoring-" + backup.Id;
        TryDelete(incoming);
        await PlaceFilesAsync(Root, source.Id, manifest, incoming, onlyJournal: false, cancellationToken);
        await snapshots.RestoreAsync(databaseFile, ConnectionStringOf(target), cancellationToken);
        var replaced = orgFolder + ".replaced-" + backup.Id;
        if (Directory.Exists(orgFolder))
            Directory.Move(orgFolder, replaced);
        Directory.Move(incoming, orgFolder);
        TryDelete(replaced);

        await using var scope = scopes.CreateScope(target);
        // This node's remembered head of the journal and access stamp are of the replaced database (other nodes find
        // their head moved and re-read it, and read the stamp within a second).
        scope.ServiceProvider.GetRequiredService<JournalHeadCache>().Forget(target.Id);
        scope.ServiceProvider.GetRequiredService<KnownStamps>().Forget(target.Id);
        var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        var version = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
        scope.ServiceProvider.GetRequiredService<JournalActor>().ActAs(null, actorName);
        await scope.ServiceProvider.GetRequiredService<Journal>().RecordAsync(new JournalEntry(OperationsJournal.Restored)
        {
            DocumentType = "backup",
            DocumentId = backup.Id,
            DocumentCode = backup.Id,
            Comment = string.Create(CultureInfo.InvariantCulture,
                $"Restored from backup {backup.Id} of /{source.Slug} taken at {backup.TakenAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"),
        }, cancellationToken);

        var row = await catalog.Organizations.SingleAsync(o => o.Id == target.Id, cancellationToken);
        row.SchemaVersion = version;
        row.MigratedAt = clock.GetUtcNow();
        if (row.Status == OrganizationStatus.Provisioning)
            row.Status = OrganizationStatus.Active;
        if (row.IsTestCopy)
            row.DataAsOf = backup.TakenAt;
        await catalog.SaveChangesAsync(cancellationToken);
        directory.Forget(row.Slug);
        logger.LogInformation("Backup {Backup} of {Source} restored into {Target} by {Actor}", backup.Id, source.Slug, row.Slug, actorName);
    }

    /// <summary>Removes a backup's folder and record (rotation); its contents go when no other backup names them.</summary>
    public async Task DeleteAsync(BackupRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        TryDelete(BackupArea.BackupFolder(Root, record.OrganizationId, record.Id));
        var tracked = await catalog.Set<BackupRecord>().SingleOrDefaultAsync(b => b.Id == record.Id, cancellationToken);
        if (tracked is not null)
        {
            catalog.Remove(tracked);
            await catalog.SaveChangesAsync(cancellationToken);
        }
    }

    public string ConnectionStringOf(Organization organization)
    {
        using var context = provider.CreateOrgContext(organization, []);
        return context.Database.GetConnectionString()!;
    }

    /// <summary>A database placed like an organization's but in no catalog row: where a backup is checked.</summary>
    private Organization ScratchOrganization()
    {
        var id = Guid.CreateVersion7();
        var placement = provider.Place(id, new Dictionary<string, int>());
        return new Organization
        {
            Id = id, Slug = "scratch", Name = "scratch", Status = OrganizationStatus.Active,
            DatabaseServer = placement.DatabaseServer, DatabaseName = placement.DatabaseName,
        };
    }

    private async Task DropAsync(Organization scratch)
    {
        try
        {
            await provider.DropOrgDatabaseAsync(scratch, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(e, "The scratch database {Database} could not be dropped", scratch.DatabaseName);
        }

        TryDelete(storage.OrgFolder(scratch.Id));
    }

    /// <summary>
    /// Copies the organization's folder (file store, journal archive) into the shared blob folder of its backups:
    /// a content already there is not copied again, and a content is stored under the hash of what was read.
    /// </summary>
    private async Task<(List<BackupPart> Files, long NewBytes)> CopyFilesAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var source = storage.OrgFolder(organizationId);
        var parts = new List<BackupPart>();
        long newBytes = 0;
        if (!Directory.Exists(source))
            return (parts, 0);
        var blobs = Path.Combine(BackupArea.SubjectFolder(Root, organizationId), "blobs");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            if (relative.StartsWith("files/tmp/", StringComparison.Ordinal) || relative.EndsWith(".part", StringComparison.Ordinal))
                continue;
            try
            {
                var name = Path.GetFileName(file);
                // The file store names a content by its SHA-256: one already in the backup area is not read again.
                if (relative.StartsWith("files/blobs/", StringComparison.Ordinal) && name.Length == 64 && name.All(Uri.IsHexDigit)
                    && File.Exists(BackupArea.BlobPath(Root, organizationId, name)))
                {
                    parts.Add(new BackupPart(relative, name, new FileInfo(file).Length));
                    continue;
                }

                var temporary = Path.Combine(blobs, "incoming", Guid.NewGuid().ToString("N"));
                var (sha, size) = await BackupArea.CopyAsync(file, temporary, cancellationToken);
                var blob = BackupArea.BlobPath(Root, organizationId, sha);
                if (File.Exists(blob))
                {
                    File.Delete(temporary);
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
                    File.Move(temporary, blob, overwrite: true);
                    newBytes += size;
                }

                parts.Add(new BackupPart(relative, sha, size));
            }
            catch (Exception e) when ((e is FileNotFoundException or DirectoryNotFoundException) && !File.Exists(file))
            {
                // Deleted (purged from the bin) while the backup ran: the snapshot no longer needs it. A target that
                // cannot be written fails the backup instead: a content is never left out silently.
            }
        }

        return (parts, newBytes);
    }

    /// <summary>Writes the backup's files into <paramref name="folder"/> (only the journal archive for a scratch check).</summary>
    private static async Task PlaceFilesAsync(string root, Guid? organizationId, BackupManifest manifest, string folder, bool onlyJournal, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var full = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        foreach (var part in manifest.Files)
        {
            if (onlyJournal && !part.Path.StartsWith("journal/", StringComparison.Ordinal))
                continue;
            var target = Path.GetFullPath(Path.Combine(folder, part.Path));
            // A manifest is data: a path climbing out of the folder is refused, never followed.
            if (!target.StartsWith(full, StringComparison.Ordinal))
                throw new BackupException($"The manifest names a path outside the organization's folder: {part.Path}");
            var (sha, _) = await BackupArea.CopyAsync(BackupArea.BlobPath(root, organizationId, part.Sha256), target, cancellationToken);
            if (sha != part.Sha256)
                throw new BackupException($"The content of {part.Path} does not match its SHA-256.");
        }
    }

    private async Task ProgressAsync(BackupRecord record, string stage, int progress, CancellationToken cancellationToken)
    {
        record.Stage = stage;
        record.Progress = progress;
        await catalog.SaveChangesAsync(cancellationToken);
    }

    private static IEnumerable<BackupPart> Sample(IReadOnlyList<BackupPart> parts, int count)
    {
        if (parts.Count <= count)
            return parts;
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
            chosen.Add(RandomNumberGenerator.GetInt32(parts.Count));
        return chosen.Select(i => parts[i]);
    }

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] : text;

    internal static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next rotation to remove.
        }
    }
}
