using System.Security.Claims;
using System.Text.Encodings.Web;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gydex.Kernel.Identity;

/// <summary>
/// <c>Authorization: Bearer gdx_…</c>: the token is looked up by its hash in the current organization's
/// database, so a token of one organization is simply unknown in another.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CurrentOrganization organization,
    ApiTokenService tokens,
    UserManager<GydexUser> users,
    IUserClaimsPrincipalFactory<GydexUser> principals,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!organization.IsSet)
            return AuthenticateResult.NoResult();
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var text = header["Bearer ".Length..].Trim();
        if (text.Length is 0 or > 200)
            return AuthenticateResult.Fail("Malformed bearer token.");

        var token = await tokens.FindLiveAsync(text, Context.RequestAborted);
        if (token is null)
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        var user = await users.FindByIdAsync(token.UserId.ToString());
        if (user is null || user.IsDisabled)
            return AuthenticateResult.Fail("The token's user cannot sign in.");

        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, Scheme.Name, principal.Identity?.Name is null ? null : ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(GydexClaims.ApiToken, token.Id.ToString("D")));
        await tokens.TouchAsync(token, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required",
                Detail = "Send a valid token as 'Authorization: Bearer <token>'; get one from POST api/v1/auth/token.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Access is prohibited" },
        });
    }
}
