using System.Globalization;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Gydex.Kernel.Web;

/// <summary>Razor Pages, localization, error handling, health probes and the OpenAPI document.</summary>
public static class WebModule
{
    public static IServiceCollection AddGydexWeb(this IServiceCollection services)
    {
        services.AddLocalization();
        RememberedTexts.Register(services);
        // Cyrillic as it is, not as &#x...; entities: pages stay readable and a third of the size.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options =>
            {
                // Pages live in their module's folder; each declares its route with @page "/…".
                options.RootDirectory = "/";
                options.Conventions.AuthorizeFolder("/Kernel/Platform", GydexAuth.PlatformOperatorPolicy);
                // The console's language switch, under the console's path where its cookies live.
                options.Conventions.AddPageRoute("/Kernel/Web/Pages/Culture", "/platform/culture");
                options.Conventions.AddFolderApplicationModelConvention("/Kernel/Platform",
                    model => model.EndpointMetadata.Add(new EndpointScopeAttribute(EndpointScopeKind.Platform)));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(WebTexts)));
        services.AddAntiforgery(o =>
        {
            o.Cookie = new ScopedAntiforgeryCookie
            {
                Name = ".Gydex.Antiforgery",
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                SecurePolicy = CookieSecurePolicy.SameAsRequest,
                IsEssential = true,
            };
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = OrgCultureProvider.Languages.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture("ru");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new OrgCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<Navigation>();
        services.AddHealthChecks()
            .AddDbContextCheck<CatalogDbContext>("catalog", tags: ["ready"])
            .AddCheck<StartupMigrationsHealthCheck>("migrations", tags: ["ready"]);
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Gydex organization API",
                    Version = "v1",
                    Description = "Every path is under the organization's address: /{org}/api/v1/…. "
                        + "Get a token with POST /{org}/api/v1/auth/token and send it as 'Authorization: Bearer <token>'.",
                };
                document.Servers =
                [
                    new OpenApiServer
                    {
                        Url = "/{org}",
                        Description = "An organization",
                        Variables = new Dictionary<string, OpenApiServerVariable> { ["org"] = new() { Default = DemoOrganization.Slug } },
                    },
                ];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A token from POST /{org}/api/v1/auth/token or a personal token from the profile.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The request pipeline, in the order that the organization and cookie binding depend on.</summary>
    public static WebApplication UseGydexPipeline(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseExceptionHandler("/error");
        app.UseWhen(context => IsApiPath(context.Request.Path),
            api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApiPath(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseOrganizationResolution();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseEndpointScopes();
        app.UseAuthentication();
        app.UseCurrentAccess();
        app.UseMiddleware<RequestLogScopeMiddleware>();
        app.UseOneTimePasswordGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapGydexWeb(this WebApplication app)
    {
        app.MapRazorPages();
        var global = new EndpointScopeAttribute(EndpointScopeKind.Global);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous().WithMetadata(global);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous().WithMetadata(global);
        app.MapOpenApi().AllowAnonymous().WithMetadata(global);
        app.MapScalarApiReference("/openapi/reference", o => o
                .WithTitle("Gydex API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous().WithMetadata(global);
        return app;
    }

    /// <summary>Whether a full request path (before the organization is stripped) addresses the API.</summary>
    public static bool IsApiPath(PathString path)
    {
        var value = path.Value ?? "";
        if (value.StartsWith("/api/", StringComparison.Ordinal))
            return true;
        var second = value.IndexOf('/', 1);
        return second > 0 && value.AsSpan(second).StartsWith("/api/", StringComparison.Ordinal);
    }
}
