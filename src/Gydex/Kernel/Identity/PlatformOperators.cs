using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Gydex.Kernel.Identity;

public enum OperatorSignInOutcome
{
    Success,
    Invalid,
    LockedOut,
}

/// <summary>Accounts of support staff in the catalog and their password check, with the same lockout as employees.</summary>
public sealed class PlatformOperators(UserManager<PlatformOperator> operators, TimeProvider clock)
{
    /// <summary>Creates an operator and returns the generated password, or the errors.</summary>
    public async Task<(string? Password, IReadOnlyList<string> Errors)> CreateAsync(string login, string? displayName, string? password = null)
    {
        if (OrgUsers.ValidateLogin(login) is { } error)
            return (null, [error]);
        password ??= PasswordGenerator.Generate();
        var result = await operators.CreateAsync(new PlatformOperator
        {
            Id = Guid.CreateVersion7(),
            UserName = login,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? login : displayName,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        }, password);
        return result.Succeeded ? (password, []) : (null, result.Errors.Select(e => e.Description).ToList());
    }

    public async Task<(OperatorSignInOutcome Outcome, ClaimsPrincipal? Principal)> CheckAsync(string login, string password)
    {
        var op = await operators.FindByNameAsync(login);
        if (op is null)
        {
            // Spend the time a real check takes, so timing does not tell which logins exist.
            operators.PasswordHasher.HashPassword(new PlatformOperator(), password);
            return (OperatorSignInOutcome.Invalid, null);
        }

        if (await operators.IsLockedOutAsync(op))
            return (OperatorSignInOutcome.LockedOut, null);
        if (!await operators.CheckPasswordAsync(op, password))
        {
            await operators.AccessFailedAsync(op);
            return (await operators.IsLockedOutAsync(op) ? OperatorSignInOutcome.LockedOut : OperatorSignInOutcome.Invalid, null);
        }

        await operators.ResetAccessFailedCountAsync(op);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, op.Id.ToString("D", CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, op.UserName ?? login),
            new Claim(GydexClaims.DisplayName, op.DisplayName),
            new Claim(GydexClaims.Operator, op.Id.ToString("D", CultureInfo.InvariantCulture)),
        ], GydexAuth.PlatformScheme, ClaimTypes.Name, ClaimTypes.Role);
        return (OperatorSignInOutcome.Success, new ClaimsPrincipal(identity));
    }
}
