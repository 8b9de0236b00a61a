using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Web.Pages;

/// <summary>The organization's home page: a greeting and a tile for every section the user may open.</summary>
[Gydex.Kernel.Access.SignedIn]
public sealed class DashboardModel(
    CurrentOrganization organization,
    Navigation navigation,
    IEnumerable<INavigationFilter> filters,
    IStringLocalizerFactory localizers,
    IStringLocalizer<WebTexts> texts,
    TimeProvider clock) : PageModel
{
    public sealed record Tile(string Id, string Title, string Description, string Path);

    public string DisplayName { get; private set; } = "";

    public string OrganizationName { get; private set; } = "";

    public DateTimeOffset LocalNow { get; private set; }

    public List<Tile> Tiles { get; } = [];

    public void OnGet()
    {
        var org = organization.Required;
        DisplayName = User.FindFirst(GydexClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "";
        OrganizationName = org.Name;
        LocalNow = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), OrgTime.Zone(org));
        foreach (var item in navigation.For(User, filters))
            Tiles.Add(new Tile(item.Id, localizers.Create(item.Texts)[item.Title], "", item.Path));
        Tiles.Add(new Tile("profile", texts["Profile"], texts["Your account, password and two-factor sign-in"], "/profile"));
        Tiles.Add(new Tile("tokens", texts["API tokens"], texts["Personal tokens for scripts and integrations"], "/profile/tokens"));
    }
}
