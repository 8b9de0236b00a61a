using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations;

/// <summary>The outcome of a restore or a test copy's refresh: the organization written, or why not.</summary>
public sealed record RestoreResult(Organization? Target, BackupRecord? SafetyBackup, string? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Where a backup goes: back into its organization (the current state backed up and verified first), into a new
/// organization, or into the organization's test copy (<c>/{slug}-test/</c>, created on first use).
/// </summary>
public sealed class Restores(CatalogDbContext catalog, Backups backups, DatabaseProvider provider, OrganizationDirectory directory, TimeProvider clock)
{
    public const string TestSuffix = "-test";

    public static string TestCopySlug(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return organization.Slug + TestSuffix;
    }

    /// <summary>
    /// <paramref name="into"/>: null or the organization's own slug (replace it), its <c>-test</c> slug (the test
    /// copy), or the slug of a new organization.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(Organization source, string backupId, string? into, string actorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsTestCopy)
            return new RestoreResult(null, null, "A test copy has no backups of its own.");
        if (!BackupArea.IsBackupId(backupId))
            return new RestoreResult(null, null, $"'{backupId}' is not a backup id.");
        var backup = await backups.FindAsync(source.Id, backupId, cancellationToken);
        if (backup is null)
            return new RestoreResult(null, null, $"Organization '{source.Slug}' has no backup '{backupId}'.");
        if (!backup.IsUsable)
            return new RestoreResult(null, null, $"Backup '{backupId}' is not complete and verified; it cannot be restored.");

        Organization target;
        BackupRecord? safety = null;
        if (into is null || into == source.Slug)
        {
            // The state being replaced is kept first: a restore that was a mistake can itself be undone.
            safety = await backups.CreateAsync(source, BackupTrigger.BeforeRestore, cancellationToken);
            if (!safety.IsUsable)
                return new RestoreResult(null, safety, "The current state could not be backed up and verified, so nothing was restored: " + safety.Problem);
            target = source;
        }
        else if (into == TestCopySlug(source))
        {
            target = await TestCopyRowAsync(source, cancellationToken);
        }
        else
        {
            if (OrgSlug.Validate(into) is { } error)
                return new RestoreResult(null, null, error);
            if (await catalog.Organizations.AnyAsync(o => o.Slug == into, cancellationToken))
                return new RestoreResult(null, null, $"The address '{into}' is already taken.");
            target = await NewRowAsync(source, into, testCopyOf: null, cancellationToken);
        }

        try
        {
            await backups.RestoreIntoAsync(source, backup, target, actorName, cancellationToken);
        }
        catch (Exception e) when (e is BackupException or IOException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            return new RestoreResult(target, safety, "The restore failed: " + e.Message);
        }

        directory.Forget(target.Slug);
        var written = await catalog.Organizations.AsNoTracking().SingleAsync(o => o.Id == target.Id, cancellationToken);
        return new RestoreResult(written, safety, null);
    }

    /// <summary>
    /// Refreshes the test copy: from the latest verified backup, or — <paramref name="fromLive"/>, or when there is
    /// none — from a backup taken (and verified) now.
    /// </summary>
    public async Task<RestoreResult> RefreshTestCopyAsync(Organization source, bool fromLive, string actorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var latest = fromLive ? null : (await backups.ListAsync(source.Id, cancellationToken)).FirstOrDefault(b => b.IsUsable);
        if (latest is null)
        {
            latest = await backups.CreateAsync(source, BackupTrigger.Manual, cancellationToken);
            if (!latest.IsUsable)
                return new RestoreResult(null, null, "The organization could not be backed up and verified: " + latest.Problem);
        }

        return await RestoreAsync(source, latest.Id, TestCopySlug(source), actorName, cancellationToken);
    }

    public Task<Organization?> TestCopyOfAsync(Guid organizationId, CancellationToken cancellationToken) =>
        catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.TestCopyOfId == organizationId, cancellationToken);

    private async Task<Organization> TestCopyRowAsync(Organization source, CancellationToken cancellationToken)
    {
        var existing = await catalog.Organizations.SingleOrDefaultAsync(o => o.TestCopyOfId == source.Id, cancellationToken);
        return existing ?? await NewRowAsync(source, TestCopySlug(source), source.Id, cancellationToken);
    }

    private async Task<Organization> NewRowAsync(Organization source, string slug, Guid? testCopyOf, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var orgsPerServer = await catalog.Organizations
            .GroupBy(o => o.DatabaseServer)
            .Select(g => new { Server = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Server, g => g.Count, cancellationToken);
        var placement = provider.Place(id, orgsPerServer);
        var row = new Organization
        {
            Id = id,
            Slug = slug,
            Name = source.Name,
            TimeZoneId = source.TimeZoneId,
            DefaultLanguage = source.DefaultLanguage,
            Status = OrganizationStatus.Provisioning,
            CreatedAt = clock.GetUtcNow(),
            DatabaseServer = placement.DatabaseServer,
            DatabaseName = placement.DatabaseName,
            TestCopyOfId = testCopyOf,
        };
        catalog.Organizations.Add(row);
        await catalog.SaveChangesAsync(cancellationToken);
        return row;
    }
}
