using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Access;

/// <summary>The table of rights: catalog, effective rights with their cache, the guard, denials, the tag helper.</summary>
public static class AccessModule
{
    public static IServiceCollection AddGydexAccess(this IServiceCollection services)
    {
        services.AddSingleton<RightCatalog>();
        services.AddScoped<AccessService>();
        services.AddSingleton<KnownStamps>();
        services.AddScoped<CurrentAccess>();
        services.AddScoped<OrgCache>();
        services.AddSingleton<IOrgDbInterceptor, AccessStampInterceptor>();
        services.AddScoped<IAuthorizationHandler, RightAuthorizationHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, RightPolicyProvider>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessDeniedResultHandler>();
        services.AddScoped<IAccessDenialRecorder, JournalAccessDenialRecorder>();
        AccessJournal.AddAccessJournal(services);
        services.AddScoped<INavigationFilter, AccessNavigationFilter>();
        services.AddScoped<IUserProfileContributor, AccessProfileContributor>();
        services.AddScoped<AccessOrganizationSeed>();
        services.AddScoped<IOrganizationSeed>(sp => sp.GetRequiredService<AccessOrganizationSeed>());
        services.AddScoped<IOrganizationUpgrade, AccessOrganizationUpgrade>();
        services.AddScoped<IDemoSeed, AccessDemoSeed>();
        services.AddHostedService<EndpointRightsValidator>();
        services.AddScoped<HandlerRightsFilter>();
        services.AddScoped<FieldRights>();
        services.AddHttpContextAccessor();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<HandlerRightsFilter>());
        return services;
    }

    /// <summary>Adds a module's rights to the catalog.</summary>
    public static IServiceCollection AddRights<T>(this IServiceCollection services)
        where T : class, IRightsDeclaration, new() =>
        services.AddSingleton<IRightsDeclaration>(new T());

    /// <summary>Adds a module's default grants for the stereotype groups of a new organization.</summary>
    public static IServiceCollection AddStereotypeGrants<T>(this IServiceCollection services)
        where T : class, IStereotypeGrants, new() =>
        services.AddSingleton<IStereotypeGrants>(new T());

    /// <summary>Loads the signed-in employee's rights once per request; runs after authentication.</summary>
    public static IApplicationBuilder UseCurrentAccess(this IApplicationBuilder app) =>
        app.UseMiddleware<CurrentAccessMiddleware>();

    /// <summary>An endpoint needs this right.</summary>
    public static TBuilder RequireRight<TBuilder>(this TBuilder builder, Right right)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresRightAttribute(right));

    /// <summary>An endpoint is open to every signed-in employee.</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignedInAttribute());

    /// <summary>A page (or every page in a folder) needs this right: the module's one visible list of its pages.</summary>
    public static PageConventionCollection RequireRight(this PageConventionCollection conventions, string pageOrFolder, Right right)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        return conventions.AddMetadata(pageOrFolder, new RequiresRightAttribute(right));
    }

    /// <summary>One handler of a page (e.g. "Disable" for OnPostDisableAsync) needs this right too.</summary>
    public static PageConventionCollection RequireRight(this PageConventionCollection conventions, string page, string handler, Right right)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        return conventions.AddMetadata(page, new HandlerRequiresRightAttribute(handler, right));
    }

    private static PageConventionCollection AddMetadata(this PageConventionCollection conventions, string pageOrFolder, object attribute)
    {
        if (pageOrFolder.EndsWith('/'))
            conventions.AddFolderApplicationModelConvention(pageOrFolder.TrimEnd('/'), m => m.EndpointMetadata.Add(attribute));
        else
            conventions.AddPageApplicationModelConvention(pageOrFolder, m => m.EndpointMetadata.Add(attribute));
        return conventions;
    }
}
