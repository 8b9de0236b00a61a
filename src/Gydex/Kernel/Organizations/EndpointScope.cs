namespace Gydex.Kernel.Organizations;

public enum EndpointScopeKind
{
    /// <summary>Served only under <c>/{org}/…</c> (the default for every endpoint).</summary>
    Organization,

    /// <summary>Served only outside any organization: the platform console.</summary>
    Platform,

    /// <summary>Served anywhere: error pages, health probes, the OpenAPI document.</summary>
    Global,
}

/// <summary>Endpoint metadata saying where an endpoint may be served; absent means <see cref="EndpointScopeKind.Organization"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class EndpointScopeAttribute(EndpointScopeKind kind) : Attribute
{
    public EndpointScopeKind Kind { get; } = kind;
}

/// <summary>Set on a request whose first path segment names no organization.</summary>
public sealed class UnknownOrganizationFeature(string slug)
{
    public string Slug { get; } = slug;
}
