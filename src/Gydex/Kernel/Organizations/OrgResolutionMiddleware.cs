using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.Organizations;

/// <summary>
/// Turns <c>/{org}/rest</c> into PathBase <c>/{org}</c> and Path <c>/rest</c>, with the organization set for the
/// request. Everything downstream — routes, links, cookie paths, antiforgery — then works per organization
/// without knowing about it, and cookies issued under <c>/a</c> are never sent by a browser to <c>/b</c>.
/// </summary>
public sealed class OrgResolutionMiddleware(RequestDelegate next)
{
    public const string SuspendedPath = "/organization-suspended";
    public const string UnavailablePath = "/organization-unavailable";

    public async Task InvokeAsync(HttpContext context, CurrentOrganization current, OrganizationDirectory directory, MigrationStatus migrations)
    {
        // A status-code re-execution comes through again with the organization already set.
        if (current.IsSet)
        {
            await next(context);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        var end = path.IndexOf('/', 1);
        var segment = end < 0 ? path[1..] : path[1..end];
        if (!OrgSlug.LooksLikeSlug(segment) && !segment.EndsWith("-test", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        if (!migrations.CatalogReady)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            return;
        }

        var organization = await directory.FindBySlugAsync(segment, context.RequestAborted);
        if (organization is null || organization.Status == OrganizationStatus.Provisioning)
        {
            context.Features.Set(new UnknownOrganizationFeature(segment));
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        current.Set(organization);
        context.Request.PathBase = context.Request.PathBase.Add("/" + segment);
        context.Request.Path = end < 0 ? "/" : path[end..];

        var refusal = organization.Status == OrganizationStatus.Suspended ? (SuspendedPath, StatusCodes.Status403Forbidden, "The organization is suspended")
            : organization.Status == OrganizationStatus.Restoring ? (UnavailablePath, StatusCodes.Status503ServiceUnavailable, "The organization is being restored from a backup")
            : migrations.Get(organization.Id) != OrgMigrationState.Done ? (UnavailablePath, StatusCodes.Status503ServiceUnavailable, "The organization's database is being updated")
            : default((string Path, int Status, string Title)?);
        if (refusal is { } r)
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                context.Response.StatusCode = r.Status;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = r.Status, Title = r.Title },
                });
                return;
            }

            context.Request.Path = r.Path;
        }

        await next(context);
    }
}
