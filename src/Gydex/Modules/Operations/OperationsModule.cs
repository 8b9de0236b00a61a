using Cronos;
using Gydex.Kernel.Access;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.Identity;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Jobs;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Web;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Operations;

/// <summary>Backups (scheduled, verified, rotated, offsite), restores, test copies and support's entry into them.</summary>
public static class OperationsModule
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        // A bad expression stops the start rather than silently never backing up.
        CronExpression.Parse(options.Schedule);
        foreach (var schedule in options.Schedules.Values)
            CronExpression.Parse(schedule);
        services.AddSingleton(options);
        services.AddSingleton<DatabaseSnapshots>(sp => sp.GetRequiredService<DatabaseProvider>().Kind == StorageProvider.Postgres
            ? new PostgresSnapshots(options)
            : new SqliteSnapshots());
        services.AddScoped<Backups>();
        services.AddScoped<BackupRotation>();
        services.AddScoped<Restores>();
        services.AddScoped<SupportEntry>();
        services.AddSingleton<OperationsRunner>();
        services.AddRights<OperationsRights>();
        services.AddSingleton(new NavigationItem("operations-support", "Support access", "/admin/support", 950, typeof(OperationsTexts), OperationsRights.Support));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight("/Modules/Operations/Pages/Support", OperationsRights.Support)
            // The console's page: platform operators only, like the console's own pages.
            .AuthorizeFolder("/Modules/Operations/Pages/Platform", GydexAuth.PlatformOperatorPolicy)
            .AddFolderApplicationModelConvention("/Modules/Operations/Pages/Platform",
                model => model.EndpointMetadata.Add(new EndpointScopeAttribute(EndpointScopeKind.Platform))));
        services.AddJournalActions<OperationsJournal>();
        services.AddCommandLine<BackupCommands>();
        services.AddSingleton<IJobSource, BackupJobs>();
        return services;
    }
}

/// <summary>One scheduled backup per active production organization (test copies never), and one of the catalog.</summary>
internal sealed class BackupJobs(BackupOptions options) : IJobSource
{
    public async Task<IReadOnlyList<ScheduledJob>> JobsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var orgs = await services.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Active && o.TestCopyOfId == null)
            .ToListAsync(cancellationToken);
        var jobs = new List<ScheduledJob>
        {
            new("backup:catalog", CronExpression.Parse(options.Schedule), (sp, ct) => sp.GetRequiredService<Backups>().CreateAsync(null, BackupTrigger.Scheduled, ct)),
        };
        foreach (var org in orgs)
        {
            var cron = CronExpression.Parse(options.Schedules.GetValueOrDefault(org.Slug, options.Schedule));
            jobs.Add(new ScheduledJob("backup:" + org.Id.ToString("N"), cron,
                (sp, ct) => sp.GetRequiredService<Backups>().CreateAsync(org, BackupTrigger.Scheduled, ct)));
        }

        return jobs;
    }
}
