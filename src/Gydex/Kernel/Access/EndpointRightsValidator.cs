using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Gydex.Kernel.Access;

/// <summary>How an endpoint is guarded, as declared by its metadata.</summary>
public enum EndpointGuard
{
    /// <summary>Declares neither a right nor that it is public: refused by the guard test.</summary>
    Undeclared,
    Public,
    SignedIn,
    Right,
    Platform,
}

public static class EndpointRights
{
    /// <summary>What an endpoint declares; the rights it needs when <see cref="EndpointGuard.Right"/>.</summary>
    public static (EndpointGuard Guard, IReadOnlyList<Right> Rights) Of(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var rights = endpoint.Metadata.OfType<RequiresRightAttribute>().Select(a => a.Right)
            .Concat(endpoint.Metadata.OfType<HandlerRequiresRightAttribute>().Select(a => a.Right)).ToList();
        if (rights.Count > 0)
            return (EndpointGuard.Right, rights);
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            return (EndpointGuard.Public, []);
        if (endpoint.Metadata.GetMetadata<SignedInAttribute>() is not null)
            return (EndpointGuard.SignedIn, []);
        if (endpoint.Metadata.GetMetadata<EndpointScopeAttribute>()?.Kind == EndpointScopeKind.Platform)
            return (EndpointGuard.Platform, []);
        return (EndpointGuard.Undeclared, []);
    }
}

/// <summary>Stops the start when an endpoint needs a right that no module declares.</summary>
public sealed class EndpointRightsValidator(EndpointDataSource endpoints, RightCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints.Endpoints)
        {
            foreach (var right in EndpointRights.Of(endpoint).Rights)
            {
                if (!catalog.IsDeclared(right))
                    throw new InvalidOperationException($"'{endpoint.DisplayName}' needs the right '{right.Code}', which no module declares.");
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
