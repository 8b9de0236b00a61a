using Cronos;
using Gydex.Kernel.Jobs;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Operations;
using Gydex.Tests.Infrastructure;
using Gydex.Tests.Modules.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Jobs;

/// <summary>Scheduled work on several nodes: each occurrence runs once, on the node that won its lease in the shared catalog.</summary>
public sealed class JobLeaseTests
{
    [Fact]
    public async Task Two_application_instances_on_one_catalog_take_a_scheduled_backup_exactly_once()
    {
        var slot = InstallationSlot.New();
        await using var first = new GydexFactory(slot).With("Jobs:Enabled", "true").With("Jobs:PollInterval", "00:00:00.200");
        await first.StartAsync();
        var org = await first.CreateOrgAsync();
        await using var second = new GydexFactory(slot).With("Jobs:Enabled", "true").With("Jobs:PollInterval", "00:00:00.200");
        await second.StartAsync();

        // Both nodes' clocks move past the next scheduled hour (03:00, 09:00, 13:00 or 18:00 server time).
        var now = first.Clock.GetUtcNow();
        var next = CronExpression.Parse("0 3,9,13,18 * * *").GetNextOccurrence(now, TimeZoneInfo.Local)!.Value;
        var by = next - now + TimeSpan.FromSeconds(1);
        first.Clock.Advance(by);
        second.Clock.Advance(by);

        List<BackupRecord> backups = [];
        for (var i = 0; i < 300 && !backups.Any(b => b.OrganizationId == org.Organization.Id && b.Verification != VerificationOutcome.Pending); i++)
        {
            await Task.Delay(100);
            backups = await first.OperationsAsync(sp => sp.GetRequiredService<CatalogDbContext>().Set<BackupRecord>().AsNoTracking().ToListAsync());
        }

        await Task.Delay(1500); // several more polls of both nodes
        backups = await first.OperationsAsync(sp => sp.GetRequiredService<CatalogDbContext>().Set<BackupRecord>().AsNoTracking().ToListAsync());
        var leases = await first.OperationsAsync(sp => sp.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>().AsNoTracking().ToListAsync());

        var ofOrg = Assert.Single(backups, b => b.OrganizationId == org.Organization.Id);
        Assert.Equal(BackupTrigger.Scheduled, ofOrg.Trigger);
        Assert.True(ofOrg.IsUsable, ofOrg.Problem);
        Assert.Single(backups, b => b.OrganizationId == null); // the catalog's, once too
        var lease = Assert.Single(leases, l => l.Job == "backup:" + org.Organization.Id.ToString("N"));
        Assert.Equal(next.ToUniversalTime(), lease.At.ToUniversalTime());
        Assert.True(lease.Succeeded);
    }

    [Fact]
    public async Task A_test_copy_is_never_scheduled()
    {
        await using var factory = new GydexFactory();
        await factory.StartAsync();
        var org = await factory.CreateOrgAsync();
        var refreshed = await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>().RefreshTestCopyAsync(org.Organization, fromLive: true, "test", CancellationToken.None));
        Assert.True(refreshed.Succeeded, refreshed.Problem);

        var jobs = await factory.OperationsAsync(async sp =>
        {
            var all = new List<ScheduledJob>();
            foreach (var source in sp.GetServices<IJobSource>())
                all.AddRange(await source.JobsAsync(sp, CancellationToken.None));
            return all;
        });

        Assert.Contains(jobs, j => j.Key == "backup:" + org.Organization.Id.ToString("N"));
        Assert.DoesNotContain(jobs, j => j.Key == "backup:" + refreshed.Target!.Id.ToString("N"));
    }
}
