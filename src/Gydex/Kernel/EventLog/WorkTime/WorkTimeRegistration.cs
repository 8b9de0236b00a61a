using Gydex.Kernel.Access;

namespace Gydex.Kernel.EventLog.WorkTime;

/// <summary>Working-time reports built from the journal: the service and the pages' right.</summary>
public static class WorkTimeRegistration
{
    public static IServiceCollection AddJournalWorkTime(this IServiceCollection services)
    {
        services.AddScoped<WorkTimeService>();
        // PostConfigure: this runs from AddGydexJournal, before AddGydexWeb sets up Razor Pages, and conventions
        // configured that early never reach the pages (they would open to everyone signed in).
        services.PostConfigure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight("/Kernel/EventLog/Pages/WorkTime", JournalRights.WorkTime)
            .RequireRight("/Kernel/EventLog/Pages/WorkTimeExport", JournalRights.WorkTime));
        return services;
    }
}
