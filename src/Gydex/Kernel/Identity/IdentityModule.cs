using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gydex.Kernel.Identity;

/// <summary>Accounts, sign-in, sessions, API tokens and platform operators.</summary>
public static class IdentityModule
{
    public static IServiceCollection AddGydexIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<GydexUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                configuration.GetSection("Identity").Bind(options);
            })
            .AddSignInManager<GydexSignInManager>()
            .AddClaimsPrincipalFactory<GydexClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<OrgDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();
        IdentityJournal.AddIdentityJournal(services);
        services.AddIdentityCore<PlatformOperator>()
            .AddEntityFrameworkStores<CatalogDbContext>();

        // Sessions of a disabled user or after a password change end within a minute on every node.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The principal is rebuilt from the user every minute; support acting as the user stays recorded.
            o.OnRefreshingPrincipal = context =>
            {
                var acting = context.CurrentPrincipal?.Claims
                    .Where(c => c.Type is GydexClaims.ActingOperator or GydexClaims.ActingOperatorName).ToList();
                if (acting is { Count: > 0 } && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                    identity.AddClaims(acting.Select(c => new System.Security.Claims.Claim(c.Type, c.Value)));
                return Task.CompletedTask;
            };
        });

        services.AddAuthentication(GydexAuth.OrgScheme)
            .AddPolicyScheme(GydexAuth.OrgScheme, "Gydex", o =>
                // The API takes tokens only: a cookie there would make every API call a CSRF target.
                o.ForwardDefaultSelector = context => IsApi(context.Request)
                    ? GydexAuth.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(GydexAuth.BearerScheme, null)
            .AddCookie(GydexAuth.PlatformScheme, o =>
            {
                o.Cookie.Name = ".Gydex.Platform";
                o.Cookie.Path = "/platform";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/platform/login";
                o.LogoutPath = "/platform/logout";
                o.AccessDeniedPath = "/platform/login";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddIdentityCookies(cookies =>
            {
                cookies.TwoFactorUserIdCookie?.Configure(o => o.Cookie.Name = ".Gydex.TwoFactor");
                cookies.TwoFactorRememberMeCookie?.Configure(o => o.Cookie.Name = ".Gydex.TwoFactorRemember");
                cookies.ExternalCookie?.Configure(o => o.Cookie.Name = ".Gydex.External");
            });

        services.ConfigureApplicationCookie(o =>
        {
            // No Cookie.Path: the handler then uses the PathBase, i.e. /{org}, binding the cookie to its organization.
            o.Cookie.Name = ".Gydex.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = async context =>
            {
                var org = context.HttpContext.RequestServices.GetRequiredService<CurrentOrganization>().Organization;
                if (org is null || context.Principal is null || !SameOrganizationHandler.IssuedBy(context.Principal, org))
                {
                    context.RejectPrincipal();
                    return;
                }

                // The validator (a sign-in manager, a user manager, a store) is built only once the interval has passed:
                // resolving it merely to learn that it has nothing to do cost more than the rest of the sign-in check.
                var stampOptions = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var now = (stampOptions.TimeProvider ?? TimeProvider.System).GetUtcNow();
                if (context.Properties.IssuedUtc is { } issued && now - issued <= stampOptions.ValidationInterval)
                    return;

                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(GydexAuth.OrgUserPolicy, OrgUserPolicy())
            .AddPolicy(GydexAuth.PlatformOperatorPolicy, p => p
                .AddAuthenticationSchemes(GydexAuth.PlatformScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(GydexClaims.Operator))
            // Secure by default: an endpoint that says nothing needs a signed-in user of its organization.
            .SetFallbackPolicy(OrgUserPolicy());
        services.AddScoped<IAuthorizationHandler, SameOrganizationHandler>();

        services.AddScoped<ApiTokenService>();
        services.AddScoped<OrgUsers>();
        services.AddScoped<Employees>();
        services.AddScoped<PlatformOperators>();
        return services;
    }

    public static IEndpointRouteBuilder MapGydexIdentity(this IEndpointRouteBuilder endpoints)
    {
        AuthApi.Map(endpoints);
        return endpoints;
    }

    /// <summary>Sends a user who still holds a one-time password to the page where they replace it.</summary>
    public static IApplicationBuilder UseOneTimePasswordGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(c => c.Type == GydexClaims.MustChangePassword)
                && !IsApi(context.Request)
                && context.Request.Path != ChangePasswordPath
                && context.Request.Path != "/logout"
                && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                context.Response.Redirect(context.Request.PathBase + ChangePasswordPath);
                return;
            }

            await next(context);
        });

    public const string ChangePasswordPath = "/profile/password";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    private static AuthorizationPolicy OrgUserPolicy() =>
        new AuthorizationPolicyBuilder(GydexAuth.OrgScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new SameOrganizationRequirement())
            .Build();
}
