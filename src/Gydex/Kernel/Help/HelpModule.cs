namespace Gydex.Kernel.Help;

/// <summary>Help that follows rights: the chapters every module ships, filtered for each reader.</summary>
public static class HelpModule
{
    public static IServiceCollection AddGydexHelp(this IServiceCollection services)
    {
        services.AddSingleton<HelpLibrary>();
        services.AddScoped<HelpReader>();
        return services;
    }
}
