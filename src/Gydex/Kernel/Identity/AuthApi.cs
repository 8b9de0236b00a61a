using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Gydex.Kernel.Access;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Identity;

public sealed record TokenRequest(
    [property: Required, MaxLength(256)] string? Login,
    [property: Required, MaxLength(256)] string? Password,
    [property: MaxLength(16)] string? Code);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

public sealed record MeResponse(Guid Id, string Login, string DisplayName, string Organization, IReadOnlyList<string> Groups, IReadOnlyList<MeRight> Rights);

public sealed record MeRight(string Code, string? Scope);

/// <summary>The org API's own sign-in (<c>auth/token</c>) and <c>me</c>.</summary>
public static class AuthApi
{
    /// <summary>A sign-in token lasts a working day.</summary>
    public static readonly TimeSpan SignInTokenLifetime = TimeSpan.FromHours(12);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Account");
        api.MapPost("/auth/token", IssueToken)
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("Exchanges a login and password (and a two-factor code where enabled) for a bearer token.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/me", Me)
            .RequireSignedIn()
            .WithName("GetMe")
            .WithSummary("The signed-in user: identity, groups and effective rights.");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> IssueToken(
        TokenRequest request,
        UserManager<GydexUser> users,
        SignInManager<GydexUser> signIn,
        ApiTokenService tokens,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Login) || request.Login.Length > 256)
            errors["login"] = ["The login is required (at most 256 characters)."];
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 256)
            errors["password"] = ["The password is required (at most 256 characters)."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var user = await FindByLoginOrEmailAsync(users, request.Login!);
        if (user is null)
        {
            users.PasswordHasher.HashPassword(new GydexUser(), request.Password!);
            await ((GydexSignInManager)signIn).RecordUnknownLoginAsync(request.Login!);
            return InvalidCredentials();
        }

        var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (check.IsLockedOut)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in is temporarily blocked",
                detail: "Too many failed attempts. Try again later.");
        if (!check.Succeeded)
            return InvalidCredentials();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            var code = request.Code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(code))
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Two-factor code required",
                    detail: "This account uses two-factor authentication: send the authenticator code as 'code'.");
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                await ((GydexSignInManager)signIn).RecordFailedCodeAsync(user);
                return InvalidCredentials();
            }
        }

        // A one-time password opens nothing but the page where it is replaced, on the API too.
        if (user.MustChangePassword)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Password change required",
                detail: "This account still has a one-time password: sign in on the web and choose your own first.");

        var (token, record) = await tokens.IssueAsync(user.Id, ApiTokenKind.SignIn, "API sign-in", SignInTokenLifetime, cancellationToken);
        await ((GydexSignInManager)signIn).RecordApiSignInAsync(user);
        return TypedResults.Ok(new TokenResponse(token, record.ExpiresAt));
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> Me(
        ClaimsPrincipal principal, UserManager<GydexUser> users, CurrentOrganization organization, IEnumerable<IUserProfileContributor> contributors)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
            return TypedResults.NotFound();
        var groups = new List<string>();
        var rights = new List<MeRight>();
        foreach (var contributor in contributors)
            await contributor.ContributeAsync(user, groups, rights);
        return TypedResults.Ok(new MeResponse(user.Id, user.UserName ?? "", user.DisplayName, organization.Required.Slug, groups, rights));
    }

    public static async Task<GydexUser?> FindByLoginOrEmailAsync(UserManager<GydexUser> users, string loginOrEmail)
    {
        ArgumentNullException.ThrowIfNull(users);
        var byLogin = await users.FindByNameAsync(loginOrEmail);
        if (byLogin is not null || !loginOrEmail.Contains('@', StringComparison.Ordinal))
            return byLogin;
        // An e-mail signs in only where it is unambiguous.
        var normalized = users.NormalizeEmail(loginOrEmail);
        var matches = await users.Users.Where(u => u.NormalizedEmail == normalized).Take(2).ToListAsync();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid login or password");
}

/// <summary>
/// Lets a module add to what <c>me</c> says about a user (the rights module adds groups and rights),
/// without the kernel knowing that module.
/// </summary>
public interface IUserProfileContributor
{
    Task ContributeAsync(GydexUser user, List<string> groups, List<MeRight> rights);
}
