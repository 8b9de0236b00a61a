using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Files;

/// <summary>
/// Empties what has been in the recycle bin longer than <see cref="FilesOptions.RecycleBinDays"/>: the rows go
/// (journaled as purged), then every content no version refers to any more.
/// </summary>
public sealed class RecycleBinPurge(IServiceScopeFactory scopes, OrgScopes orgScopes, ILogger<RecycleBinPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var organization in (await scope.ServiceProvider.GetRequiredService<OrganizationAdministration>().ListAsync(stoppingToken))
                         .Where(o => o.Status == OrganizationStatus.Active && !o.IsTestCopy))
            {
                try
                {
                    await using var orgScope = orgScopes.CreateScope(organization);
                    await PurgeAsync(orgScope.ServiceProvider, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Emptying the recycle bin of {Org} failed", organization.Slug);
                }
            }
        }
    }

    public static async Task<int> PurgeAsync(IServiceProvider orgServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgServices);
        var db = orgServices.GetRequiredService<OrgDbContext>();
        var options = orgServices.GetRequiredService<FilesOptions>();
        var clock = orgServices.GetRequiredService<TimeProvider>();
        var blobs = orgServices.GetRequiredService<BlobStore>();
        var organization = orgServices.GetRequiredService<CurrentOrganization>().Required;
        orgServices.GetRequiredService<JournalActor>().ActAs(null, "recycle bin");
        var before = clock.GetUtcNow().AddDays(-options.RecycleBinDays);

        var files = await db.Set<StoredFile>().Where(f => f.DeletedAt != null && f.DeletedAt < before).ToListAsync(cancellationToken);
        db.RemoveRange(files);
        // A folder goes with everything below it, deepest first (the tree's foreign keys restrict).
        var folders = await db.Set<Folder>().Where(f => f.DeletedAt != null && f.DeletedAt < before).ToListAsync(cancellationToken);
        var all = await db.Set<Folder>().ToListAsync(cancellationToken);
        var doomed = new List<Folder>();
        void Collect(Folder folder)
        {
            foreach (var child in all.Where(c => c.ParentId == folder.Id))
                Collect(child);
            doomed.Add(folder);
        }

        foreach (var folder in folders)
            Collect(folder);
        var doomedIds = doomed.Select(f => f.Id).ToHashSet();
        db.RemoveRange(await db.Set<StoredFile>().Where(f => doomedIds.Contains(f.FolderId) && f.DeletedAt == null).ToListAsync(cancellationToken));
        foreach (var folder in doomed.DistinctBy(f => f.Id))
            db.Remove(folder);
        await db.SaveChangesAsync(cancellationToken);

        var orphans = await db.Set<FileBlob>().Where(b => !db.Set<FileVersion>().Any(v => v.Sha256 == b.Sha256)).ToListAsync(cancellationToken);
        db.RemoveRange(orphans);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var blob in orphans)
            blobs.Delete(organization.Id, blob.Sha256);
        return files.Count + doomed.Count;
    }
}
