using Gydex.Kernel.Identity;
using Microsoft.Extensions.Options;

namespace Gydex.Kernel.Organizations;

/// <summary>The organization catalog, resolution of <c>/{org}</c>, provisioning, start-up migrations, the demo.</summary>
public static class OrganizationsModule
{
    public static IServiceCollection AddGydexOrganizations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentOrganization>();
        services.AddSingleton<OrgScopes>();
        services.AddSingleton<MigrationStatus>();
        services.AddScoped<OrganizationDirectory>();
        services.AddScoped<OrganizationProvisioner>();
        services.AddScoped<OrganizationAdministration>();
        services.AddScoped<DemoOrganization>();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddHostedService<StartupMigrations>();
        return services;
    }

    /// <summary>Resolves the organization; must run before authentication so cookies bind to <c>/{org}</c>.</summary>
    public static IApplicationBuilder UseOrganizationResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<OrgResolutionMiddleware>();

    /// <summary>Refuses endpoints reached outside their scope; runs right after routing.</summary>
    public static IApplicationBuilder UseEndpointScopes(this IApplicationBuilder app) =>
        app.UseMiddleware<EndpointScopeMiddleware>();
}
