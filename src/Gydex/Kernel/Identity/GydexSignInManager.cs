using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gydex.Kernel.Identity;

/// <summary>Identity's sign-in with one addition: a disabled user neither signs in nor keeps a session.</summary>
public sealed class GydexSignInManager(
    UserManager<GydexUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<GydexUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<GydexUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<GydexUser> confirmation)
    : SignInManager<GydexUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(GydexUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task<bool> ValidateSecurityStampAsync(GydexUser? user, string? securityStamp) =>
        user is { IsDisabled: false } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
