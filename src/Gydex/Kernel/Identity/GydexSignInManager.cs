using System.Security.Claims;
using Gydex.Kernel.EventLog;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gydex.Kernel.Identity;

/// <summary>
/// Identity's sign-in with two additions: a disabled user neither signs in nor keeps a session, and every
/// sign-in, failed attempt and sign-out is journaled.
/// </summary>
public sealed class GydexSignInManager(
    UserManager<GydexUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<GydexUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<GydexUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<GydexUser> confirmation,
    Journal journal)
    : SignInManager<GydexUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool refreshing;

    public override async Task<bool> CanSignInAsync(GydexUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task<bool> ValidateSecurityStampAsync(GydexUser? user, string? securityStamp) =>
        user is { IsDisabled: false } && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override async Task SignInWithClaimsAsync(GydexUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        if (!refreshing)
            await RecordAsync(IdentityJournal.SignedIn, user, additionalClaims.Any(c => c.Type == "amr" && c.Value == "mfa") ? "two-factor" : null);
    }

    /// <summary>A refresh (after a profile change) re-issues the cookie: it is not a new sign-in.</summary>
    public override async Task RefreshSignInAsync(GydexUser user)
    {
        refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            refreshing = false;
        }
    }

    public override async Task SignOutAsync()
    {
        if (Context.User.Identity?.IsAuthenticated == true)
            await journal.RecordAsync(new JournalEntry(IdentityJournal.SignedOut), Context.RequestAborted);
        await base.SignOutAsync();
    }

    /// <summary>The password step of every sign-in (page and API): a failure is recorded against the account.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(GydexUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (!result.Succeeded && !result.RequiresTwoFactor)
            await RecordFailureAsync(user, result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (!result.Succeeded && await GetTwoFactorAuthenticationUserAsync() is { } user)
            await RecordFailureAsync(user, "wrong authenticator code");
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (!result.Succeeded && await GetTwoFactorAuthenticationUserAsync() is { } user)
            await RecordFailureAsync(user, "wrong recovery code");
        return result;
    }

    /// <summary>A login that matches no account: recorded with what was typed (neutralized), and no account.</summary>
    public Task RecordUnknownLoginAsync(string login) =>
        journal.RecordAsync(new JournalEntry(IdentityJournal.SignInFailed) { Anonymous = true, Comment = "unknown login: " + login }, Context.RequestAborted);

    /// <summary>A wrong two-factor code given to the API's token endpoint.</summary>
    public Task RecordFailedCodeAsync(GydexUser user) => RecordFailureAsync(user, "wrong authenticator code");

    /// <summary>A sign-in by the API's token endpoint.</summary>
    public Task RecordApiSignInAsync(GydexUser user) => RecordAsync(IdentityJournal.SignedIn, user, "API token");

    private Task RecordAsync(JournalAction action, GydexUser user, string? comment) =>
        journal.RecordAsync(new JournalEntry(action)
        {
            ActingUserId = user.Id,
            ActingUserName = string.IsNullOrWhiteSpace(user.DisplayName) || user.DisplayName == user.UserName ? user.UserName : $"{user.DisplayName} ({user.UserName})",
            AffectedUserId = user.Id,
            AffectedUserName = user.UserName,
            DocumentType = "user",
            DocumentId = user.Id.ToString(),
            DocumentCode = user.UserName,
            Comment = comment,
        }, Context.RequestAborted);

    private Task RecordFailureAsync(GydexUser user, string reason) =>
        journal.RecordAsync(new JournalEntry(IdentityJournal.SignInFailed)
        {
            Anonymous = true,
            AffectedUserId = user.Id,
            AffectedUserName = user.UserName,
            DocumentType = "user",
            DocumentId = user.Id.ToString(),
            DocumentCode = user.UserName,
            Comment = reason,
        }, Context.RequestAborted);
}
