using System.Security.Claims;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.Access;

/// <summary>
/// The signed-in user's effective rights for this request, loaded once (one stamp lookup when the cache is
/// warm) and then answered without I/O by the guard, the tag helper and the menu.
/// </summary>
public sealed class CurrentAccess(IServiceProvider services, RightCatalog catalog, CurrentOrganization organization)
{
    private EffectiveRights? rights;
    private Guid? userId;

    public bool IsLoaded => rights is not null;

    public Guid? UserId => userId;

    public async ValueTask<EffectiveRights> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (rights is not null)
            return rights;
        var org = organization.Organization;
        if (org is not null && SameOrganizationHandler.IssuedBy(user, org)
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            userId = id;
            // Resolved only inside an organization: the console and global pages have no organization database.
            rights = await services.GetRequiredService<AccessService>().EffectiveAsync(id, cancellationToken);
        }
        else
        {
            rights = EffectiveRights.None(catalog);
        }

        return rights;
    }

    /// <summary>Whether the user holds the right; false until loaded (nothing is shown that was not checked).</summary>
    public bool Has(Right right) => rights is not null && rights.Has(catalog.IndexOf(right));

    public RightScope? ScopeOf(Right right) => rights?.ScopeOf(catalog.IndexOf(right));

    /// <summary>
    /// The records the signed-in user may see under <paramref name="right"/>; nothing when it is not held. Uses the
    /// rights loaded for this request, so the access stamp is looked at once per request.
    /// </summary>
    public async Task<DataScope> DataScopeAsync(Right right, CancellationToken cancellationToken) =>
        userId is { } id && ScopeOf(right) is { } scope
            ? await services.GetRequiredService<AccessService>().ScopeAsync(id, scope, cancellationToken)
            : new DataScope(RightScope.Own, Guid.Empty, []);
}

/// <summary>Loads the effective rights of a signed-in employee before anything asks for them.</summary>
public sealed class CurrentAccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentOrganization organization, CurrentAccess access)
    {
        if (organization.IsSet && context.User.Identity?.IsAuthenticated == true)
            await access.LoadAsync(context.User, context.RequestAborted);
        await next(context);
    }
}
