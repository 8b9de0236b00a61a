using Gydex.Kernel.Access;
using Gydex.Kernel.Web;

namespace Gydex.Modules.Administration;

/// <summary>Users, groups, departments and the table of rights of an organization.</summary>
public static class AdministrationModule
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddRights<AdministrationRights>();
        services.AddSingleton(new NavigationItem("administration", "Administration", "/admin/users", 900, typeof(AdministrationTexts), AdministrationRights.ViewUsers));
        services.AddScoped<UserAdministration>();
        services.AddScoped<GroupAdministration>();
        services.AddScoped<DepartmentAdministration>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            // The one visible list of this module's pages and the rights they need.
            .RequireRight("/Modules/Administration/Pages/Users/Index", AdministrationRights.ViewUsers)
            .RequireRight("/Modules/Administration/Pages/Users/Details", AdministrationRights.ViewUsers)
            .RequireRight("/Modules/Administration/Pages/Users/Details", "Save", AdministrationRights.Users)
            .RequireRight("/Modules/Administration/Pages/Users/Details", "Disable", AdministrationRights.Users)
            .RequireRight("/Modules/Administration/Pages/Users/Details", "Enable", AdministrationRights.Users)
            .RequireRight("/Modules/Administration/Pages/Users/Details", "ResetPassword", AdministrationRights.Users)
            .RequireRight("/Modules/Administration/Pages/Users/Details", "ResetTwoFactor", AdministrationRights.Users)
            .RequireRight("/Modules/Administration/Pages/Users/Details", "Groups", AdministrationRights.Groups)
            .RequireRight("/Modules/Administration/Pages/Users/Details", "Individual", AdministrationRights.Rights)
            .RequireRight("/Modules/Administration/Pages/Users/New", AdministrationRights.Users)
            .RequireRight("/Modules/Administration/Pages/Groups/Index", AdministrationRights.Groups)
            .RequireRight("/Modules/Administration/Pages/Groups/Details", AdministrationRights.Groups)
            .RequireRight("/Modules/Administration/Pages/Rights", AdministrationRights.Rights)
            .RequireRight("/Modules/Administration/Pages/Departments", AdministrationRights.Departments));
        return services;
    }

    public static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder endpoints)
    {
        AdministrationApi.Map(endpoints);
        return endpoints;
    }
}
