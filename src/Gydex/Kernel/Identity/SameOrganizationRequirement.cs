using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;

namespace Gydex.Kernel.Identity;

/// <summary>The principal was issued by the organization in the URL: a session or token never serves another.</summary>
public sealed class SameOrganizationRequirement : IAuthorizationRequirement;

public sealed class SameOrganizationHandler(CurrentOrganization organization) : AuthorizationHandler<SameOrganizationRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SameOrganizationRequirement requirement)
    {
        if (organization.Organization is { } org && IssuedBy(context.User, org))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Issued for this organization; and a session of support acting as an employee, only ever for a test copy,
    /// is never valid in a production organization.
    /// </summary>
    public static bool IssuedBy(System.Security.Claims.ClaimsPrincipal user, Organization org) =>
        user.FindFirst(GydexClaims.Organization)?.Value == org.Id.ToString("D")
        && (org.IsTestCopy || !user.HasClaim(c => c.Type == GydexClaims.ActingOperator));
}
