using System.CommandLine;
using System.Globalization;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations;

/// <summary><c>backup create|list|restore|catalog|test-copy</c>.</summary>
public sealed class BackupCommands : ICommandLineContributor
{
    public void Contribute(RootCommand root, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(root);
        var backup = new Command("backup", "Backups of organizations and of the catalog: take and verify, list, restore.");
        backup.Subcommands.Add(Create(services));
        backup.Subcommands.Add(CreateCatalog(services));
        backup.Subcommands.Add(List(services));
        backup.Subcommands.Add(Restore(services));
        backup.Subcommands.Add(RefreshTestCopy(services));
        root.Subcommands.Add(backup);
    }

    private static Command Create(IServiceProvider services)
    {
        var slug = new Argument<string>("org") { Description = "The organization's address." };
        var command = new Command("create", "Take a backup of an organization and verify it by a restore; exits 0 only when both succeeded.") { slug };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var org = await FindAsync(scope.ServiceProvider, parse.GetValue(slug)!, cancellationToken);
            if (org is null)
                return 2;
            var record = await scope.ServiceProvider.GetRequiredService<Backups>().CreateAsync(org, BackupTrigger.Manual, cancellationToken);
            return Report(record);
        });
        return command;
    }

    private static Command CreateCatalog(IServiceProvider services)
    {
        var command = new Command("catalog", "Take a backup of the catalog (organizations, operators, keys) and verify it.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var record = await scope.ServiceProvider.GetRequiredService<Backups>().CreateAsync(null, BackupTrigger.Manual, cancellationToken);
            return Report(record);
        });
        return command;
    }

    private static Command List(IServiceProvider services)
    {
        var slug = new Argument<string>("org") { Description = "The organization's address." };
        var command = new Command("list", "List an organization's backups, newest first.") { slug };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var org = await FindAsync(scope.ServiceProvider, parse.GetValue(slug)!, cancellationToken);
            if (org is null)
                return 2;
            var list = await scope.ServiceProvider.GetRequiredService<Backups>().ListAsync(org.Id, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"ID",-26}{"TAKEN (UTC)",-21}{"STATUS",-10}{"VERIFIED",-10}{"OFFSITE",-9}{"DATABASE",12}{"FILES",14}  TRIGGER"));
            foreach (var b in list)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Id,-26}{b.TakenAt.UtcDateTime,-21:yyyy-MM-dd HH:mm:ss}{b.Status,-10}{b.Verification,-10}{b.Offsite?.ToString() ?? "-",-9}{b.DatabaseBytes,12}{b.FileBytes,14}  {b.Trigger}"));
                if (b.Problem is not null)
                    Console.WriteLine("    " + b.Problem);
            }

            return 0;
        });
        return command;
    }

    private static Command Restore(IServiceProvider services)
    {
        var slug = new Argument<string>("org") { Description = "The organization whose backup it is." };
        var id = new Argument<string>("backup-id");
        var into = new Option<string?>("--into") { Description = "A new organization's address, or <org>-test for the test copy; the organization itself when absent." };
        var yes = new Option<bool>("--yes") { Description = "Confirms replacing the organization's own data (its current state is backed up first)." };
        var command = new Command("restore", "Restore a verified backup into the organization, a new organization or its test copy.") { slug, id, into, yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var org = await FindAsync(scope.ServiceProvider, parse.GetValue(slug)!, cancellationToken);
            if (org is null)
                return 2;
            var target = parse.GetValue(into);
            if ((target is null || target == org.Slug) && !parse.GetValue(yes))
            {
                await Console.Error.WriteLineAsync($"This replaces the data of '{org.Slug}' (its current state is backed up first). Add --yes to confirm.");
                return 2;
            }

            var result = await scope.ServiceProvider.GetRequiredService<Restores>()
                .RestoreAsync(org, parse.GetValue(id)!, target, "system: command line", cancellationToken);
            if (result.SafetyBackup is { } safety)
                Console.WriteLine($"The state before the restore: backup {safety.Id} ({safety.Verification}).");
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync(result.Problem);
                return 1;
            }

            Console.WriteLine($"Backup {parse.GetValue(id)} restored into /{result.Target!.Slug}.");
            return 0;
        });
        return command;
    }

    private static Command RefreshTestCopy(IServiceProvider services)
    {
        var slug = new Argument<string>("org") { Description = "The organization." };
        var live = new Option<bool>("--from-live") { Description = "From a backup taken now rather than the latest verified one." };
        var command = new Command("test-copy", "Refresh an organization's test copy (/<org>-test/).") { slug, live };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var org = await FindAsync(scope.ServiceProvider, parse.GetValue(slug)!, cancellationToken);
            if (org is null)
                return 2;
            var result = await scope.ServiceProvider.GetRequiredService<Restores>()
                .RefreshTestCopyAsync(org, parse.GetValue(live), "system: command line", cancellationToken);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync(result.Problem);
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test copy /{result.Target!.Slug} refreshed: data as of {result.Target.DataAsOf?.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."));
            return 0;
        });
        return command;
    }

    private static int Report(BackupRecord record)
    {
        if (record.Status != BackupStatus.Complete)
        {
            Console.Error.WriteLine($"Backup {record.Id} failed: {record.Problem}");
            return 1;
        }

        if (record.Verification != VerificationOutcome.Passed)
        {
            Console.Error.WriteLine($"Backup {record.Id} was taken but failed verification: {record.Problem}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Backup {record.Id} taken and verified: database {record.DatabaseBytes} bytes, {record.FileCount} files ({record.FileBytes} bytes, {record.NewFileBytes} new)."));
        return 0;
    }

    private static async Task<Organization?> FindAsync(IServiceProvider services, string slug, CancellationToken cancellationToken)
    {
        var org = await services.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking()
            .SingleOrDefaultAsync(o => o.Slug == slug && o.TestCopyOfId == null, cancellationToken);
        if (org is null)
            await Console.Error.WriteLineAsync($"No organization '{slug}'.");
        return org;
    }
}
