using System.Security.Claims;
using Gydex.Kernel.Web;

namespace Gydex.Kernel.Access;

/// <summary>The menu shows only the sections the user can open.</summary>
public sealed class AccessNavigationFilter(CurrentAccess access) : INavigationFilter
{
    public bool IsVisible(NavigationItem item, ClaimsPrincipal user) =>
        item?.Right is null || access.Has(item.Right);
}
