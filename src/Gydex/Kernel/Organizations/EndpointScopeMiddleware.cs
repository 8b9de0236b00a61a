using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.Organizations;

/// <summary>
/// Refuses (404) an organization endpoint reached outside an organization and a platform endpoint reached
/// inside one, so <c>/demo/platform</c> is not the console and <c>/login</c> is no one's sign-in.
/// </summary>
public sealed class EndpointScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentOrganization current)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
            return next(context);
        var scope = endpoint.Metadata.GetMetadata<EndpointScopeAttribute>()?.Kind ?? EndpointScopeKind.Organization;
        var allowed = scope switch
        {
            EndpointScopeKind.Organization => current.IsSet,
            EndpointScopeKind.Platform => !current.IsSet,
            _ => true,
        };
        if (allowed)
            return next(context);
        context.SetEndpoint(null);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
