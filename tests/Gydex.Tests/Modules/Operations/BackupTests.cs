using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Operations;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Operations;

/// <summary>Backups of an organization: taken while it works, verified by a restore, refused when damaged, restored.</summary>
public sealed class BackupTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task A_backup_is_taken_verified_and_listed_with_the_hash_of_every_part_and_the_next_one_copies_only_new_contents()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddGroupsAsync(org, "Sales", 3);
        await factory.UploadFilesAsync(org, OperationsTestKit.RandomBytes(5000), OperationsTestKit.RandomBytes(7000));

        var first = await factory.BackupAsync(org);
        await factory.UploadFilesAsync(org, OperationsTestKit.RandomBytes(3000));
        var second = await factory.BackupAsync(org);

        Assert.True(first.IsUsable, first.Problem);
        Assert.True(second.IsUsable, second.Problem);
        Assert.Equal(12000, first.NewFileBytes);
        Assert.Equal(3000, second.NewFileBytes); // the two earlier contents are already in the backup area
        Assert.Equal(15000, second.FileBytes);
        var manifest = await BackupManifest.ReadAsync(BackupArea.BackupFolder(factory.BackupRoot(), org.Organization.Id, first.Id), CancellationToken.None);
        Assert.Equal(org.Slug, manifest.OrganizationSlug);
        Assert.Equal(64, manifest.Database.Sha256.Length);
        Assert.Equal(first.DatabaseBytes, manifest.Database.Size);
        Assert.StartsWith(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), manifest.SchemaVersion, StringComparison.Ordinal);
        Assert.Equal(2, manifest.Files.Count(f => f.Path.StartsWith("files/blobs/", StringComparison.Ordinal)));
        Assert.All(manifest.Files, f => Assert.Equal(64, f.Sha256.Length));
        Assert.True(manifest.RowCounts["Groups"] >= 3);
        var listed = await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().ListAsync(org.Organization.Id, CancellationToken.None));
        Assert.Equal([second.Id, first.Id], listed.Select(b => b.Id));
        Assert.All(listed, b => Assert.Equal(VerificationOutcome.Passed, b.Verification));
    }

    [Fact]
    public async Task A_backup_taken_while_writes_go_on_holds_counts_and_a_journal_chain_of_one_moment()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddGroupsAsync(org, "Before", 20);
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            await using var scope = factory.Services.GetRequiredService<OrgScopes>().CreateScope(org.Organization);
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            while (!stop.IsCancellationRequested)
            {
                db.Add(new Group { Id = Guid.CreateVersion7(), Name = $"During {written}", Stereotype = GroupStereotype.Custom });
                await db.SaveChangesAsync();
                written++;
            }
        });
        while (written < 5)
            await Task.Delay(10);

        var backup = await factory.BackupAsync(org);
        var writtenDuring = written;
        await stop.CancelAsync();
        await writer; // a writer that failed would throw here

        Assert.True(backup.IsUsable, backup.Problem); // the restored copy's row counts equal the snapshot's, its chain verifies
        var manifest = await BackupManifest.ReadAsync(BackupArea.BackupFolder(factory.BackupRoot(), org.Organization.Id, backup.Id), CancellationToken.None);
        var groupsAtSnapshot = manifest.RowCounts["Groups"];
        var groupsNow = (await factory.GroupNamesAsync(org)).Count;
        Assert.True(groupsAtSnapshot < groupsNow, "the writes went on after the snapshot");
        Assert.True(written > writtenDuring - 1);
        // Each group's creation wrote one journal record in its transaction: the snapshot holds as many of each.
        var journalAtSnapshot = manifest.RowCounts["Journal"];
        var groupRecords = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().CountAsync());
        Assert.True(journalAtSnapshot < groupRecords);
    }

    [Fact]
    public async Task A_backup_with_one_flipped_byte_in_its_dump_or_in_a_content_fails_verification_and_says_so()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UploadFilesAsync(org, OperationsTestKit.RandomBytes(4000));
        var backup = await factory.BackupAsync(org);
        Assert.True(backup.IsUsable, backup.Problem);
        var root = factory.BackupRoot();
        var folder = BackupArea.BackupFolder(root, org.Organization.Id, backup.Id);
        var manifest = await BackupManifest.ReadAsync(folder, CancellationToken.None);

        var dump = Path.Combine(folder, manifest.Database.Path);
        FlipByte(dump, manifest.Database.Size / 2);
        await factory.OperationsAsync(async sp =>
        {
            await sp.GetRequiredService<Backups>().VerifyAsync(backup, CancellationToken.None);
            return true;
        });
        var recorded = await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().FindAsync(org.Organization.Id, backup.Id, CancellationToken.None));
        Assert.Equal(VerificationOutcome.Failed, recorded!.Verification);
        Assert.Contains("database dump does not match", recorded.Problem, StringComparison.Ordinal);
        FlipByte(dump, manifest.Database.Size / 2); // back as it was

        var blob = manifest.Files.Single(f => f.Path.StartsWith("files/blobs/", StringComparison.Ordinal));
        FlipByte(BackupArea.BlobPath(root, org.Organization.Id, blob.Sha256), 100);
        var problem = await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().CheckAsync(root, org.Organization.Id, backup.Id, CancellationToken.None));
        Assert.Equal($"The content of {blob.Path} does not match its SHA-256.", problem);
        FlipByte(BackupArea.BlobPath(root, org.Organization.Id, blob.Sha256), 100);
        Assert.Null(await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().CheckAsync(root, org.Organization.Id, backup.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task A_damaged_backup_is_not_restored()
    {
        var org = await factory.CreateOrgAsync();
        var backup = await factory.BackupAsync(org);
        var folder = BackupArea.BackupFolder(factory.BackupRoot(), org.Organization.Id, backup.Id);
        var manifest = await BackupManifest.ReadAsync(folder, CancellationToken.None);
        FlipByte(Path.Combine(folder, manifest.Database.Path), 10);
        await factory.OperationsAsync(async sp =>
        {
            await sp.GetRequiredService<Backups>().VerifyAsync(backup, CancellationToken.None);
            return true;
        });

        var result = await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>()
            .RestoreAsync(org.Organization, backup.Id, "r" + Guid.NewGuid().ToString("N")[..9], "test", CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Contains("not complete and verified", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_into_a_new_organization_gives_equal_data_files_and_a_verifying_journal_that_records_the_restore()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "ivanov");
        await factory.AddGroupsAsync(org, "Team", 4);
        var content = OperationsTestKit.RandomBytes(20000);
        var fileId = (await factory.UploadFilesAsync(org, content)).Single();
        var backup = await factory.BackupAsync(org);
        var target = "r" + Guid.NewGuid().ToString("N")[..9];

        var result = await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>()
            .RestoreAsync(org.Organization, backup.Id, target, "test: support", CancellationToken.None));

        Assert.True(result.Succeeded, result.Problem);
        var restored = new TestOrg(result.Target!, org.AdminLogin, org.AdminPassword);
        Assert.NotEqual(org.Organization.Id, restored.Organization.Id);
        Assert.Equal(OrganizationStatus.Active, restored.Organization.Status);
        Assert.Equal(await factory.GroupNamesAsync(org), await factory.GroupNamesAsync(restored));
        Assert.Contains(await factory.InOrgAsync(restored, sp => sp.GetRequiredService<OrgDbContext>().Users.Select(u => u.UserName).ToListAsync()), n => n == "ivanov");
        Assert.Equal(content, await factory.DownloadAsync(target, org.AdminLogin, org.AdminPassword, fileId));
        var verification = await factory.InOrgAsync(restored, sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None));
        Assert.True(verification.Intact, verification.Problem);
        var last = await factory.InOrgAsync(restored, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .Where(r => r.Action == OperationsJournal.Restored.Code).SingleAsync());
        Assert.Equal(OperationsJournal.Restored.Code, last.Action);
        Assert.Equal(backup.Id, last.DocumentCode);
        Assert.Equal("test: support", last.UserName);
        // The source is untouched.
        Assert.Equal(content, await factory.DownloadAsync(org.Slug, org.AdminLogin, org.AdminPassword, fileId));
    }

    [Fact]
    public async Task A_restore_into_the_organization_itself_backs_up_its_current_state_first()
    {
        var org = await factory.CreateOrgAsync();
        await factory.AddGroupsAsync(org, "Kept", 2);
        var backup = await factory.BackupAsync(org);
        await factory.AddGroupsAsync(org, "Later", 3);
        var before = await factory.GroupNamesAsync(org);

        var result = await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>()
            .RestoreAsync(org.Organization, backup.Id, null, "test", CancellationToken.None));

        Assert.True(result.Succeeded, result.Problem);
        Assert.DoesNotContain(await factory.GroupNamesAsync(org), n => n.StartsWith("Later", StringComparison.Ordinal));
        Assert.Contains("Kept 1", await factory.GroupNamesAsync(org));
        var safety = result.SafetyBackup!;
        Assert.Equal(BackupTrigger.BeforeRestore, safety.Trigger);
        Assert.True(safety.IsUsable, safety.Problem);
        var safetyManifest = await BackupManifest.ReadAsync(BackupArea.BackupFolder(factory.BackupRoot(), org.Organization.Id, safety.Id), CancellationToken.None);
        Assert.Equal(before.Count, safetyManifest.RowCounts["Groups"]);
        var verification = await factory.InOrgAsync(org, sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None));
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task A_restore_refuses_a_taken_address_a_bad_one_and_another_organizations_backup()
    {
        var org = await factory.CreateOrgAsync();
        var other = await factory.CreateOrgAsync();
        var backup = await factory.BackupAsync(org);

        async Task<RestoreResult> Restore(TestOrg source, string id, string? into) =>
            await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>().RestoreAsync(source.Organization, id, into, "test", CancellationToken.None));

        Assert.Contains("already taken", (await Restore(org, backup.Id, other.Slug)).Problem, StringComparison.Ordinal);
        Assert.NotNull((await Restore(org, backup.Id, "../etc")).Problem);
        Assert.Contains("has no backup", (await Restore(other, backup.Id, "x" + Guid.NewGuid().ToString("N")[..9])).Problem, StringComparison.Ordinal);
        Assert.Contains("not a backup id", (await Restore(org, "../../" + backup.Id, null)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_that_fails_midway_is_recorded_failed_leaves_no_folder_and_cannot_be_restored()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UploadFilesAsync(org, OperationsTestKit.RandomBytes(2000));
        // The database is dumped, then copying the contents fails: where their folder should be, there is a file.
        var subject = BackupArea.SubjectFolder(factory.BackupRoot(), org.Organization.Id);
        Directory.CreateDirectory(subject);
        await File.WriteAllTextAsync(Path.Combine(subject, "blobs"), "in the way");

        var failed = await factory.BackupAsync(org);

        Assert.Equal(BackupStatus.Failed, failed.Status);
        Assert.False(failed.IsUsable);
        Assert.NotNull(failed.Problem);
        Assert.False(Directory.Exists(BackupArea.BackupFolder(factory.BackupRoot(), org.Organization.Id, failed.Id)));
        Assert.Empty(Directory.GetDirectories(subject));
        var listed = Assert.Single(await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().ListAsync(org.Organization.Id, CancellationToken.None)));
        Assert.Equal(BackupStatus.Failed, listed.Status);
        var restore = await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>()
            .RestoreAsync(org.Organization, failed.Id, "f" + Guid.NewGuid().ToString("N")[..9], "test", CancellationToken.None));
        Assert.False(restore.Succeeded);

        File.Delete(Path.Combine(subject, "blobs"));
        var next = await factory.BackupAsync(org);
        Assert.True(next.IsUsable, next.Problem);
    }

    [Fact]
    public async Task The_catalog_is_backed_up_and_verified()
    {
        await factory.CreateOrgAsync();
        var record = await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().CreateAsync(null, BackupTrigger.Manual, CancellationToken.None));

        Assert.True(record.IsUsable, $"{record.Status} {record.Verification} {record.Problem}");
        var manifest = await BackupManifest.ReadAsync(BackupArea.BackupFolder(factory.BackupRoot(), null, record.Id), CancellationToken.None);
        Assert.True(manifest.RowCounts["Organizations"] >= 1);
    }

    private static void FlipByte(string path, long at)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = at;
        var b = file.ReadByte();
        file.Position = at;
        file.WriteByte((byte)(b ^ 0x01));
    }
}
