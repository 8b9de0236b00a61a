using Gydex.Kernel.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Gydex.Kernel.Access;

/// <summary>The requirement of holding one right of the table of rights.</summary>
public sealed class RightRequirement(Right right) : IAuthorizationRequirement
{
    public Right Right { get; } = right;
}

public sealed class RightAuthorizationHandler(CurrentAccess access) : AuthorizationHandler<RightRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RightRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        await access.LoadAsync(context.User, CancellationToken.None);
        // Not calling Fail on a miss keeps the requirement among the failed ones, where the denial handler
        // finds which right was missing.
        if (access.Has(requirement.Right))
            context.Succeed(requirement);
    }
}

/// <summary>
/// Declares on an endpoint the right it needs; the policy is built from the right at run time
/// (policy name <c>right:&lt;code&gt;</c>), so no right needs registering twice.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequiresRightAttribute : AuthorizeAttribute
{
    public const string PolicyPrefix = "right:";

    public RequiresRightAttribute(Right right)
    {
        ArgumentNullException.ThrowIfNull(right);
        Right = right;
        Policy = PolicyPrefix + right.Code;
    }

    public Right Right { get; }
}

/// <summary>Declares an endpoint open to every signed-in employee of the organization, with no right of its own.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SignedInAttribute : AuthorizeAttribute
{
    public SignedInAttribute()
        : base(GydexAuth.OrgUserPolicy)
    {
    }
}

/// <summary>Turns <c>right:&lt;code&gt;</c> into a policy; an undeclared code is an error, not a silent denial.</summary>
public sealed class RightPolicyProvider(IOptions<AuthorizationOptions> options, RightCatalog catalog)
    : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        if (!policyName.StartsWith(RequiresRightAttribute.PolicyPrefix, StringComparison.Ordinal))
            return await base.GetPolicyAsync(policyName);
        var code = policyName[RequiresRightAttribute.PolicyPrefix.Length..];
        var right = catalog.Find(code) ?? throw new InvalidOperationException($"The right '{code}' is used but no module declares it.");
        return new AuthorizationPolicyBuilder(GydexAuth.OrgScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new SameOrganizationRequirement(), new RightRequirement(right))
            .Build();
    }
}
