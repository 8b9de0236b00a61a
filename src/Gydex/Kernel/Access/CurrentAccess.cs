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
    private IReadOnlySet<Guid> homeDepartments = new HashSet<Guid>();
    private long? stamp;

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
            var snapshot = await services.GetRequiredService<AccessService>().SnapshotAsync(id, cancellationToken);
            (rights, homeDepartments, stamp) = (snapshot.Rights, snapshot.HomeDepartments, snapshot.Version);
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
    public Task<DataScope> DataScopeAsync(Right right, CancellationToken cancellationToken) =>
        Task.FromResult(ScopeFor(right));

    /// <summary>As <see cref="DataScopeAsync"/>, from what was loaded: no I/O.</summary>
    public DataScope ScopeFor(Right right) =>
        userId is { } id && ScopeOf(right) is { } scope
            ? new DataScope(scope, id, scope == RightScope.Department ? homeDepartments : [])
            : new DataScope(RightScope.Own, Guid.Empty, []);

    /// <summary>
    /// The organization's stamp as this request saw it: the one the rights were loaded at, or read once. What is
    /// cached against it (<see cref="OrgCache"/>) is as fresh as the rights.
    /// </summary>
    public async ValueTask<long> StampAsync(CancellationToken cancellationToken) =>
        stamp ??= await services.GetRequiredService<AccessService>().StampAsync(cancellationToken);
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
