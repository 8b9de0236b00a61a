using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Identity;

/// <summary>What is asked to open an account in the current organization.</summary>
public sealed record NewUser(string Login, string DisplayName, string? Email, string? Password, bool MustChangePassword, Guid? DepartmentId = null);

/// <summary>Creates and manages the current organization's accounts.</summary>
public sealed partial class OrgUsers(UserManager<GydexUser> users, Gydex.Kernel.Persistence.OrgDbContext db, TimeProvider clock)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginShape();

    /// <summary>Null when the login may be used, else the reason.</summary>
    public static string? ValidateLogin(string? login)
    {
        if (string.IsNullOrWhiteSpace(login))
            return "The login is required.";
        if (login.Length > GydexUser.LoginMaxLength)
            return $"The login must be at most {GydexUser.LoginMaxLength} characters long.";
        if (!LoginShape().IsMatch(login))
            return "The login may hold latin letters, digits and . _ @ - only.";
        return null;
    }

    /// <summary>Creates the account; returns the password (generated when none was given) or the errors.</summary>
    public async Task<(GydexUser? User, string? Password, IReadOnlyList<string> Errors)> CreateAsync(NewUser request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        if (ValidateLogin(request.Login) is { } loginError)
            errors.Add(loginError);
        if (request.DisplayName.Length > GydexUser.DisplayNameMaxLength)
            errors.Add($"The name must be at most {GydexUser.DisplayNameMaxLength} characters long.");
        var normalizedEmail = string.IsNullOrWhiteSpace(request.Email) ? null : users.NormalizeEmail(request.Email.Trim());
        if (normalizedEmail is not null && await users.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail))
            errors.Add("Another account already uses this e-mail.");
        if (errors.Count > 0)
            return (null, null, errors);

        var password = request.Password ?? PasswordGenerator.Generate();
        // Every user belongs to a department: the root (the organization) unless another is chosen.
        var department = request.DepartmentId
            ?? await db.Set<Gydex.Kernel.Access.Department>().Where(d => d.ParentId == null).Select(d => (Guid?)d.Id).FirstOrDefaultAsync();
        var user = new GydexUser
        {
            Id = Guid.CreateVersion7(),
            UserName = request.Login,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.Login : request.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            EmailConfirmed = !string.IsNullOrWhiteSpace(request.Email),
            MustChangePassword = request.MustChangePassword,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
            DepartmentId = department,
        };
        var result = await users.CreateAsync(user, password);
        return result.Succeeded
            ? (user, password, [])
            : (null, null, result.Errors.Select(e => e.Description).ToList());
    }

    /// <summary>Disables the account and ends its sessions (the security stamp changes) and tokens.</summary>
    public async Task DisableAsync(GydexUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.IsDisabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
    }
}
