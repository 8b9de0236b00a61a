using Gydex.Kernel.Access;

namespace Gydex.Kernel.Help;

/// <summary>Help that follows rights: the chapters every module ships, filtered for each reader.</summary>
public static class HelpModule
{
    public static IServiceCollection AddGydexHelp(this IServiceCollection services)
    {
        services.AddSingleton<HelpLibrary>();
        services.AddScoped<HelpReader>();
        services.AddScoped<OrgHelpAdministration>();
        services.AddRights<HelpRights>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight("/Kernel/Help/Pages/Manage", HelpRights.Manage));
        return services;
    }
}
