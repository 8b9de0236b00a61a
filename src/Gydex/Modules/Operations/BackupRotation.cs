using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations;

/// <summary>Which backups a rotation keeps, and which of them are the weekly ones that also go offsite.</summary>
public sealed record RotationSet(IReadOnlySet<string> Keep, IReadOnlySet<string> Weekly);

/// <summary>
/// Rotation: every verified backup of the last N days; the first of each of the last D days; the first of each
/// of the last W weeks (Monday to Sunday) — the weekly one, which is also copied to the offsite destination and
/// verified there. Days and weeks are the server's calendar. Failed backups go once older than N days.
/// </summary>
public sealed class BackupRotation(CatalogDbContext catalog, BackupOptions options, TimeProvider clock, ILogger<BackupRotation> logger)
{
    public static RotationSet Select(IEnumerable<(string Id, DateTimeOffset TakenAt)> usable, DateTimeOffset now, TimeZoneInfo zone, int allDays, int dailyDays, int weeklyWeeks)
    {
        ArgumentNullException.ThrowIfNull(usable);
        ArgumentNullException.ThrowIfNull(zone);
        var ordered = usable.OrderBy(b => b.TakenAt).ToList();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var thisWeek = WeekStart(today);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var weekly = new HashSet<string>(StringComparer.Ordinal);
        var days = new HashSet<DateOnly>();
        var weeks = new HashSet<DateOnly>();
        foreach (var (id, takenAt) in ordered)
        {
            if (takenAt > now.AddDays(-allDays))
                keep.Add(id);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(takenAt, zone).DateTime);
            if (day > today.AddDays(-dailyDays) && days.Add(day))
                keep.Add(id);
            var week = WeekStart(day);
            if (week > thisWeek.AddDays(-7 * weeklyWeeks) && weeks.Add(week))
            {
                keep.Add(id);
                weekly.Add(id);
            }
        }

        return new RotationSet(keep, weekly);
    }

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>After a verified backup: the weekly one goes offsite, what the rotation no longer keeps is removed.</summary>
    public async Task AfterBackupAsync(Backups backups, Guid? organizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backups);
        var now = clock.GetUtcNow();
        var records = await catalog.Set<BackupRecord>().AsNoTracking().Where(b => b.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var set = Select(records.Where(r => r.IsUsable).Select(r => (r.Id, r.TakenAt)), now, clock.LocalTimeZone,
            options.KeepAllDays, options.KeepDailyDays, options.KeepWeeklyWeeks);

        if (!string.IsNullOrWhiteSpace(options.Offsite.Path))
        {
            foreach (var record in records.Where(r => set.Weekly.Contains(r.Id) && r.Offsite != VerificationOutcome.Passed))
                await CopyOffsiteAsync(backups, record, cancellationToken);
        }

        foreach (var record in records)
        {
            var old = record.TakenAt <= now.AddDays(-options.KeepAllDays);
            var drop = record.IsUsable ? !set.Keep.Contains(record.Id)
                : record.Status != BackupStatus.Running ? old
                : record.TakenAt <= now.AddDays(-Math.Max(1, options.KeepAllDays)); // one left running by a crash
            if (drop)
            {
                await backups.DeleteAsync(record, cancellationToken);
                logger.LogInformation("Backup {Backup} rotated out", record.Id);
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Offsite.Path))
        {
            var offsite = Path.GetFullPath(options.Offsite.Path);
            var subject = BackupArea.SubjectFolder(offsite, organizationId);
            if (Directory.Exists(subject))
            {
                foreach (var folder in Directory.GetDirectories(subject))
                {
                    var name = Path.GetFileName(folder);
                    if (BackupArea.IsBackupId(name) && !set.Weekly.Contains(name))
                        Backups.TryDelete(folder);
                }
            }

            await CollectAsync(offsite, organizationId, cancellationToken);
        }

        // Contents are shared by backups; one that a running backup may have just stored is left for next time.
        if (!await catalog.Set<BackupRecord>().AnyAsync(b => b.OrganizationId == organizationId && b.Status == BackupStatus.Running, cancellationToken))
            await CollectAsync(backups.Root, organizationId, cancellationToken);
    }

    /// <summary>Copies a backup (its folder and the contents it names) to the offsite destination and verifies the copy there.</summary>
    private async Task CopyOffsiteAsync(Backups backups, BackupRecord record, CancellationToken cancellationToken)
    {
        var offsite = Path.GetFullPath(options.Offsite.Path!);
        string? problem;
        try
        {
            var source = BackupArea.BackupFolder(backups.Root, record.OrganizationId, record.Id);
            var manifest = await BackupManifest.ReadAsync(source, cancellationToken);
            foreach (var part in manifest.Files.DistinctBy(p => p.Sha256))
            {
                var target = BackupArea.BlobPath(offsite, record.OrganizationId, part.Sha256);
                if (!File.Exists(target))
                    await BackupArea.CopyAsync(BackupArea.BlobPath(backups.Root, record.OrganizationId, part.Sha256), target, cancellationToken);
            }

            var folder = BackupArea.BackupFolder(offsite, record.OrganizationId, record.Id);
            var partial = Path.Combine(BackupArea.SubjectFolder(offsite, record.OrganizationId), ".partial-" + record.Id);
            Backups.TryDelete(partial);
            foreach (var file in Directory.GetFiles(source))
                await BackupArea.CopyAsync(file, Path.Combine(partial, Path.GetFileName(file)), cancellationToken);
            Backups.TryDelete(folder);
            Directory.Move(partial, folder);
            problem = await backups.CheckAsync(offsite, record.OrganizationId, record.Id, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BackupException)
        {
            problem = "The offsite copy failed: " + e.Message;
        }

        var tracked = await catalog.Set<BackupRecord>().SingleAsync(b => b.Id == record.Id, cancellationToken);
        tracked.Offsite = problem is null ? VerificationOutcome.Passed : VerificationOutcome.Failed;
        tracked.OffsiteAt = clock.GetUtcNow();
        if (problem is not null)
        {
            tracked.Problem = "Offsite: " + (problem.Length > 1900 ? problem[..1900] : problem);
            logger.LogError("The offsite copy of backup {Backup} failed verification: {Problem}", record.Id, problem);
        }

        await catalog.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes the contents no remaining backup of the subject names.</summary>
    private static async Task CollectAsync(string root, Guid? organizationId, CancellationToken cancellationToken)
    {
        var subject = BackupArea.SubjectFolder(root, organizationId);
        var blobs = Path.Combine(subject, "blobs");
        if (!Directory.Exists(blobs))
            return;
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(subject))
        {
            if (!BackupArea.IsBackupId(Path.GetFileName(folder)))
                continue;
            try
            {
                var manifest = await BackupManifest.ReadAsync(folder, cancellationToken);
                named.UnionWith(manifest.Files.Select(f => f.Sha256));
            }
            catch (BackupException)
            {
                return; // an unreadable manifest: keep every content rather than guess
            }
        }

        foreach (var file in Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).ToList())
        {
            var name = Path.GetFileName(file);
            if (name.Length == 64 && !named.Contains(name))
                File.Delete(file);
        }
    }
}
