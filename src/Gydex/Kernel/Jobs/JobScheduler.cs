using Cronos;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Jobs;

/// <summary>A job on a schedule: its key (one lease per key and occurrence), its cron expression and what it does.</summary>
public sealed record ScheduledJob(string Key, CronExpression Schedule, Func<IServiceProvider, CancellationToken, Task> Run);

/// <summary>Lets a module say which jobs are scheduled now (e.g. one backup per organization).</summary>
public interface IJobSource
{
    Task<IReadOnlyList<ScheduledJob>> JobsAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>The <c>Jobs</c> section.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this node runs scheduled jobs at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the node looks for due occurrences.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs scheduled jobs on every node safely: each node looks for occurrences that fell due since its last look
/// (in server time, on its <see cref="TimeProvider"/>), and runs one only after winning its lease — the insert
/// of (job, occurrence) into the catalog every node shares. The others meet the primary key and skip it, so each
/// occurrence runs once however many nodes there are. Missed occurrences of one job coalesce into the latest.
/// </summary>
public sealed class JobScheduler(
    IServiceScopeFactory scopes, IEnumerable<IJobSource> sources, JobLeases leases, JobOptions options, TimeProvider clock, ILogger<JobScheduler> logger) : BackgroundService
{

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
            return;
        var since = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.PollInterval, stoppingToken);
                var now = clock.GetUtcNow();
                await RunDueAsync(since, now, stoppingToken);
                since = now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                logger.LogError(e, "Looking for scheduled jobs failed; trying again at the next poll");
            }
        }
    }

    /// <summary>Runs every job with an occurrence in (<paramref name="after"/>, <paramref name="upTo"/>] whose lease this node wins.</summary>
    public async Task<int> RunDueAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var ran = 0;
        List<ScheduledJob> jobs = [];
        await using (var scope = scopes.CreateAsyncScope())
        {
            foreach (var source in sources)
                jobs.AddRange(await source.JobsAsync(scope.ServiceProvider, cancellationToken));
        }

        foreach (var job in jobs)
        {
            var due = job.Schedule.GetOccurrences(after, upTo, clock.LocalTimeZone, fromInclusive: false, toInclusive: true).LastOrDefault();
            if (due == default)
                continue;
            if (!await leases.TryClaimAsync(job.Key, due, cancellationToken))
                continue;
            var succeeded = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await job.Run(scope.ServiceProvider, cancellationToken);
                succeeded = true;
                ran++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled job {Job} of {At} failed", job.Key, due);
            }
            finally
            {
                await leases.FinishAsync(job.Key, due, succeeded);
            }
        }

        return ran;
    }
}

public static class JobsModule
{
    public static IServiceCollection AddGydexJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions());
        services.AddSingleton<JobLeases>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        return services;
    }
}
