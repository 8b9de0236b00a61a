using Gydex.Modules.Operations;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Operations;

/// <summary>Rotation keeps exactly: every backup of the last 3 days, the first of each of 14 days, the first of each of 8 weeks.</summary>
public sealed class RotationTests
{
    private static readonly int[] Hours = [3, 9, 13, 18];

    [Fact]
    public void Over_sixty_simulated_days_of_four_backups_a_day_exactly_the_expected_set_is_kept()
    {
        // Wednesday 2026-01-07 03:00 UTC to Saturday 2026-03-07 18:00: 60 days, 240 backups.
        var start = new DateTimeOffset(2026, 1, 7, 0, 0, 0, TimeSpan.Zero);
        var all = new List<(string Id, DateTimeOffset At)>();
        var kept = new HashSet<string>();
        for (var day = 0; day < 60; day++)
        {
            foreach (var hour in Hours)
            {
                var at = start.AddDays(day).AddHours(hour);
                all.Add((at.ToString("MMdd-HH", System.Globalization.CultureInfo.InvariantCulture), at));
                // Rotation runs after each backup, on what the previous runs kept.
                var set = BackupRotation.Select(all.Where(b => kept.Contains(b.Id) || b.At == at), at, TimeZoneInfo.Utc, 3, 14, 8);
                kept = [.. set.Keep];
            }
        }

        var now = start.AddDays(59).AddHours(18); // Saturday 2026-03-07 18:00
        var final = BackupRotation.Select(all.Where(b => kept.Contains(b.Id)), now, TimeZoneInfo.Utc, 3, 14, 8);
        // 4 Mar 18:00 is exactly three days old: no longer "of the last three days", nor the first of its day.
        string[] lastThreeDays = ["0305-03", "0305-09", "0305-13", "0305-18", "0306-03", "0306-09", "0306-13", "0306-18", "0307-03", "0307-09", "0307-13", "0307-18"];
        // The first of each of the last 14 days: 22 Feb … 7 Mar.
        string[] daily = ["0222-03", "0223-03", "0224-03", "0225-03", "0226-03", "0227-03", "0228-03", "0301-03", "0302-03", "0303-03", "0304-03"];
        // The first of each of the last 8 weeks (Mondays 12 Jan … 2 Mar; the week of 5 Jan, begun on Wednesday the 7th, is the ninth).
        string[] weekly = ["0112-03", "0119-03", "0126-03", "0202-03", "0209-03", "0216-03", "0223-03", "0302-03"];
        var expected = lastThreeDays.Concat(daily).Concat(weekly).ToHashSet();
        Assert.Equal(29, expected.Count);
        Assert.Equal(expected.Order(), kept.Order());
        Assert.Equal(weekly.Order(), final.Weekly.Order());
        Assert.Equal(kept.Order(), final.Keep.Order());
    }

    [Fact]
    public async Task Rotation_removes_old_backups_and_their_contents_and_copies_the_weekly_one_offsite_verified_there()
    {
        var offsite = Path.Combine(Path.GetTempPath(), "gydex-tests", "offsite-" + Guid.NewGuid().ToString("N")[..8]);
        await using var factory = new GydexFactory()
            .With("Backups:Offsite:Path", offsite)
            .With("Backups:KeepAllDays", "1").With("Backups:KeepDailyDays", "1").With("Backups:KeepWeeklyWeeks", "1");
        await factory.StartAsync();
        var org = await factory.CreateOrgAsync();
        await factory.UploadFilesAsync(org, OperationsTestKit.RandomBytes(3000));
        var first = await factory.BackupAsync(org);
        Assert.True(first.IsUsable, first.Problem);
        var root = factory.BackupRoot();
        var oldContent = (await BackupManifest.ReadAsync(BackupArea.BackupFolder(root, org.Organization.Id, first.Id), CancellationToken.None))
            .Files.Single(f => f.Path.StartsWith("files/blobs/", StringComparison.Ordinal));

        var recorded = await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().FindAsync(org.Organization.Id, first.Id, CancellationToken.None));
        Assert.Equal(VerificationOutcome.Passed, recorded!.Offsite);
        Assert.True(File.Exists(Path.Combine(BackupArea.BackupFolder(offsite, org.Organization.Id, first.Id), BackupManifest.FileName)));
        Assert.True(File.Exists(BackupArea.BlobPath(offsite, org.Organization.Id, oldContent.Sha256)));

        // Fifteen days later, the file gone from the store, a new backup: the old one and its content rotate out, here and offsite.
        File.Delete(Directory.GetFiles(Path.Combine(factory.Slot.DataPath, "orgs", org.Organization.Id.ToString("N"), "files", "blobs"), "*", SearchOption.AllDirectories).Single());
        factory.Clock.Advance(TimeSpan.FromDays(15));
        var second = await factory.BackupAsync(org);

        Assert.True(second.IsUsable, second.Problem);
        var left = await factory.OperationsAsync(sp => sp.GetRequiredService<Backups>().ListAsync(org.Organization.Id, CancellationToken.None));
        Assert.Equal([second.Id], left.Select(b => b.Id));
        Assert.False(Directory.Exists(BackupArea.BackupFolder(root, org.Organization.Id, first.Id)));
        Assert.False(File.Exists(BackupArea.BlobPath(root, org.Organization.Id, oldContent.Sha256)));
        Assert.False(Directory.Exists(BackupArea.BackupFolder(offsite, org.Organization.Id, first.Id)));
        Assert.True(Directory.Exists(BackupArea.BackupFolder(offsite, org.Organization.Id, second.Id)));
        Assert.Equal(VerificationOutcome.Passed, left.Single().Offsite);
    }
}
