using System.CommandLine;
using System.Globalization;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.Organizations;

namespace Gydex.Kernel.EventLog;

/// <summary><c>journal verify &lt;org&gt;</c> and <c>journal archive &lt;org&gt;</c>.</summary>
public sealed class JournalCommands : ICommandLineContributor
{
    public void Contribute(RootCommand root, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(root);
        var journal = new Command("journal", "The organizations' event logs.");
        journal.Subcommands.Add(Verify(services));
        journal.Subcommands.Add(Archive(services));
        root.Subcommands.Add(journal);
    }

    private static Command Verify(IServiceProvider services)
    {
        var slug = new Argument<string>("org") { Description = "The organization's address (slug)." };
        var command = new Command("verify", "Walk the organization's hash chain; exit 0 when intact, 1 naming the first broken record.") { slug };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await InOrgAsync(services, parse.GetValue(slug)!, sp =>
                sp.GetRequiredService<JournalVerifier>().VerifyAsync(cancellationToken), cancellationToken);
            if (result is null)
                return 2;
            if (!result.Intact)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"BROKEN at record {result.BrokenId}: {result.Problem} ({result.Checked} records verified before it)"));
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Intact: {result.Checked} records ({result.Segments} archive segments) verified in {result.Took.TotalSeconds:0.00} s."));
            return 0;
        });
        return command;
    }

    private static Command Archive(IServiceProvider services)
    {
        var slug = new Argument<string>("org") { Description = "The organization's address (slug)." };
        var before = new Option<DateTimeOffset?>("--before") { Description = "Archive records older than this instant (default: the configured retention)." };
        var command = new Command("archive", "Move old records of the organization's journal into archive segments.") { slug, before };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var moved = await InOrgAsync(services, parse.GetValue(slug)!, async sp =>
            {
                var archive = sp.GetRequiredService<JournalArchive>();
                sp.GetRequiredService<JournalActor>().ActAs(null, "command line");
                return new Moved(parse.GetValue(before) is { } instant
                    ? await archive.ArchiveAsync(instant, cancellationToken)
                    : await archive.ApplyRetentionAsync(cancellationToken));
            }, cancellationToken);
            if (moved is null)
                return 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{moved.Count} records archived."));
            return 0;
        });
        return command;
    }

    private sealed record Moved(long Count);

    private static async Task<T?> InOrgAsync<T>(IServiceProvider services, string slug, Func<IServiceProvider, Task<T>> work, CancellationToken cancellationToken)
        where T : class
    {
        await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
        await using var lookup = services.CreateAsyncScope();
        var organization = await lookup.ServiceProvider.GetRequiredService<OrganizationDirectory>().FindBySlugAsync(slug, cancellationToken);
        if (organization is null)
        {
            await Console.Error.WriteLineAsync($"No organization '{slug}'.");
            return null;
        }

        await using var scope = services.GetRequiredService<OrgScopes>().CreateScope(organization);
        return await work(scope.ServiceProvider);
    }
}

/// <summary>Applies the retention period on a schedule; a no-op while records are kept forever.</summary>
internal sealed class JournalRetentionService(
    IServiceScopeFactory scopes, OrgScopes orgScopes, JournalOptions options, ILogger<JournalRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RetentionDays <= 0)
            return;
        using var timer = new PeriodicTimer(options.ArchiveInterval);
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var organizations = await scope.ServiceProvider.GetRequiredService<OrganizationAdministration>().ListAsync(stoppingToken);
            foreach (var organization in organizations.Where(o => o.Status == OrganizationStatus.Active && !o.IsTestCopy))
            {
                try
                {
                    await using var orgScope = orgScopes.CreateScope(organization);
                    orgScope.ServiceProvider.GetRequiredService<JournalActor>().ActAs(null, "retention");
                    var moved = await orgScope.ServiceProvider.GetRequiredService<JournalArchive>().ApplyRetentionAsync(stoppingToken);
                    if (moved > 0)
                        logger.LogInformation("Archived {Count} journal records of {Org}", moved, organization.Slug);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Archiving the journal of {Org} failed", organization.Slug);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
