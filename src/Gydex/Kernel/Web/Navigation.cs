namespace Gydex.Kernel.Web;

/// <summary>
/// An entry of the organization's main menu, registered by the module that owns the section.
/// <paramref name="Title"/> is a key in the resources of <paramref name="Texts"/>; the entry is shown only to
/// users holding <paramref name="Right"/>.
/// </summary>
public sealed record NavigationItem(string Id, string Title, string Path, int Order, Type Texts, Gydex.Kernel.Access.Right? Right = null);

/// <summary>The menu, assembled from every module's registered items.</summary>
public sealed class Navigation(IEnumerable<NavigationItem> items)
{
    private readonly IReadOnlyList<NavigationItem> ordered = items.OrderBy(i => i.Order).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

    /// <summary>Items the current user may open; the rights module narrows this through <see cref="INavigationFilter"/>.</summary>
    public IEnumerable<NavigationItem> For(System.Security.Claims.ClaimsPrincipal user, IEnumerable<INavigationFilter> filters) =>
        ordered.Where(item => filters.All(f => f.IsVisible(item, user)));
}

/// <summary>Hides menu entries (e.g. the rights module hides sections the user may not open).</summary>
public interface INavigationFilter
{
    bool IsVisible(NavigationItem item, System.Security.Claims.ClaimsPrincipal user);
}
