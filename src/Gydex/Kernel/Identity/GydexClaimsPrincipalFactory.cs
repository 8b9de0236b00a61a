using System.Globalization;
using System.Security.Claims;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gydex.Kernel.Identity;

/// <summary>Adds the organization, the display name and the one-time-password flag to every principal.</summary>
public sealed class GydexClaimsPrincipalFactory(
    UserManager<GydexUser> userManager,
    IOptions<IdentityOptions> options,
    CurrentOrganization organization)
    : UserClaimsPrincipalFactory<GydexUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GydexUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(GydexClaims.Organization, organization.Required.Id.ToString("D", CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(GydexClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(GydexClaims.MustChangePassword, "true"));
        return identity;
    }
}
