using Gydex.Kernel.Access;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Web;

namespace Gydex.Kernel.EventLog;

/// <summary>The event log: declared actions, change capture in the change's transaction, the chain, viewing.</summary>
public static class JournalModule
{
    public static IServiceCollection AddGydexJournal(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JournalOptions.Section).Get<JournalOptions>() ?? new JournalOptions();
        services.AddSingleton(options);
        services.AddSingleton<JournalActionCatalog>();
        services.AddSingleton<JournalAppender>();
        services.AddSingleton<JournalHeadCache>();
        services.AddScoped<JournalActor>();
        services.AddScoped<Journal>();
        services.AddSingleton<IOrgDbInterceptor, JournalInterceptor>();
        services.AddScoped<JournalQuery>();
        services.AddScoped<JournalView>();
        services.AddScoped<JournalVerifier>();
        services.AddScoped<JournalArchive>();
        WorkTime.WorkTimeRegistration.AddJournalWorkTime(services);
        services.AddCommandLine<JournalCommands>();
        services.AddHostedService<JournalRetentionService>();
        services.AddSingleton(new NavigationItem("journal", "Event log", "/journal", 800, typeof(WebTexts), JournalRights.ViewOwn));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight("/Kernel/EventLog/Pages/Index", JournalRights.ViewOwn)
            .RequireRight("/Kernel/EventLog/Pages/Export", JournalRights.ViewOwn)
            .RequireRight("/Kernel/EventLog/Pages/Verify", JournalRights.Verify)
            .RequireRight("/Kernel/EventLog/Pages/Settings", JournalRights.Configure));
        services.AddHostedService<JournalDeclarationsValidator>();
        services.AddRights<JournalRights>();
        services.AddStereotypeGrants<JournalStereotypeGrants>();
        services.AddJournalActions<JournalActions>();
        services.AddJournaled<DisabledJournalAction>(j => j
            .Records(JournalActions.ActionSwitchedOff, null, JournalActions.ActionSwitchedOn)
            .Document("journal-action", a => a.Action, (a, _) => a.Action));
        services.AddJournaled<JournalSettings>(j => j
            .Records(null, JournalActions.SettingsChanged, null)
            .Ignore(nameof(JournalSettings.Id)));
        return services;
    }

    public static IEndpointRouteBuilder MapGydexJournal(this IEndpointRouteBuilder endpoints)
    {
        JournalApi.Map(endpoints);
        return endpoints;
    }

    /// <summary>Adds a module's list of journal actions.</summary>
    public static IServiceCollection AddJournalActions<T>(this IServiceCollection services)
        where T : class, IJournalActions, new() =>
        services.AddSingleton<IJournalActions>(new T());

    /// <summary>Journals every change of <typeparamref name="T"/> as <paramref name="describe"/> says.</summary>
    public static IServiceCollection AddJournaled<T>(this IServiceCollection services, Action<JournaledEntity<T>> describe)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(describe);
        var journaled = new JournaledEntity<T>();
        describe(journaled);
        return services.AddSingleton<JournaledEntity>(journaled);
    }
}

/// <summary>Stops the start when an action is used in code or by a journaled entity but declared by no module.</summary>
internal sealed class JournalDeclarationsValidator(JournalActionCatalog catalog, IEnumerable<JournaledEntity> journaled) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var undeclared = catalog.UndeclaredIn(typeof(JournalModule).Assembly)
            .Concat(journaled.SelectMany(j => j.Actions.Where(a => !catalog.IsDeclared(a)).Select(a => $"{j.EntityType.Name} records '{a.Code}'")))
            .ToList();
        if (undeclared.Count > 0)
            throw new InvalidOperationException("Journal actions used but declared by no module: " + string.Join(", ", undeclared));
        var duplicates = journaled.GroupBy(j => j.EntityType).Where(g => g.Count() > 1).Select(g => g.Key.Name).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException("Entities journaled twice: " + string.Join(", ", duplicates));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
