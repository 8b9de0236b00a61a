using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Identity;

/// <summary>Identity's validation messages in the user's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<WebTexts> texts) : IdentityErrorDescriber
{
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), texts["The current password is wrong."]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), texts["The password must be at least {0} characters long.", length]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), texts["The password must contain a digit."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), texts["The password must contain a lowercase letter."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), texts["The password must contain an uppercase letter."]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), texts["The password must contain a character other than a letter or digit."]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), texts["The password must contain at least {0} different characters.", uniqueChars]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), texts["The login '{0}' is already taken.", userName]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), texts["The login '{0}' is not valid.", userName ?? ""]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), texts["Another account already uses this e-mail."]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), texts["The e-mail '{0}' is not valid.", email ?? ""]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), texts["Someone changed this account at the same time. Reload and try again."]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), texts["The code is not valid."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
