using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.Web;

/// <summary>Puts the organization and the user into the logging scope of the request (the request id is already there).</summary>
public sealed class RequestLogScopeMiddleware(RequestDelegate next, ILogger<RequestLogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, CurrentOrganization organization)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Org"] = organization.Organization?.Slug,
            ["User"] = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null,
        });
        await next(context);
    }
}
