using System.Security.Claims;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.EventLog;

/// <summary>The right a passed handler check used, so the journal names it rather than the page's right.</summary>
public sealed class RightUsedFeature(Right right)
{
    public Right Right { get; } = right;
}

/// <summary>
/// Who is acting, from where and under which right — filled into every record made in this scope. In a request
/// it comes from the connection and the signed-in principal; work outside a request (command line, jobs) says
/// who it is with <see cref="ActAs"/>.
/// </summary>
public sealed class JournalActor(IHttpContextAccessor http)
{
    private (Guid? Id, string? Name)? explicitUser;
    private (Guid? Id, string? Name)? explicitOperator;

    /// <summary>Support acting as the user: set explicitly, or carried by the session of a test copy entered as an employee.</summary>
    public (Guid? Id, string? Name)? Operator =>
        explicitOperator ?? (Principal is { } p && Guid.TryParse(p.FindFirstValue(GydexClaims.ActingOperator), out var id)
            ? (id, p.FindFirstValue(GydexClaims.ActingOperatorName))
            : null);

    /// <summary>Work outside a request records under this name (e.g. "system: retention").</summary>
    public void ActAs(Guid? userId, string? name) => explicitUser = (userId, name);

    /// <summary>Support acting in a test copy as the signed-in employee: recorded beside them.</summary>
    public void ActingOperator(Guid id, string name) => explicitOperator = (id, name);

    public Guid? UserId => explicitUser is { } u ? u.Id : Principal is { } p && Guid.TryParse(p.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? UserName => explicitUser is { } u ? u.Name : Principal is { } p ? Describe(p) : null;

    /// <summary>The client's address: the connection's, or the one a trusted proxy forwarded (see <c>Network:TrustedProxies</c>).</summary>
    public string? Ip => http.HttpContext?.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : null;

    /// <summary>The right that opened the endpoint (or, for a page handler with its own right, that one).</summary>
    public string? Right
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
                return null;
            if (context.Features.Get<RightUsedFeature>() is { } used)
                return used.Right.Code;
            return context.GetEndpoint()?.Metadata.GetMetadata<RequiresRightAttribute>()?.Right.Code;
        }
    }

    private ClaimsPrincipal? Principal => http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    private static string? Describe(ClaimsPrincipal principal)
    {
        var login = principal.Identity?.Name;
        var name = principal.FindFirstValue(GydexClaims.DisplayName);
        return string.IsNullOrWhiteSpace(name) || name == login ? login : $"{name} ({login})";
    }
}
