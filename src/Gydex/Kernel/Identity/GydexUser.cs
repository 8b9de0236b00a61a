using Microsoft.AspNetCore.Identity;

namespace Gydex.Kernel.Identity;

/// <summary>An employee's account in one organization's database.</summary>
public sealed class GydexUser : IdentityUser<Guid>
{
    public const int LoginMaxLength = 64;
    public const int DisplayNameMaxLength = 200;

    public string DisplayName { get; set; } = "";

    /// <summary>A disabled user cannot sign in, and their sessions and tokens stop working.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>"ru", "en", or null to follow the organization's default.</summary>
    public string? Language { get; set; }

    /// <summary>Set for a one-time password: the user must choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The department the user belongs to (the root when none was chosen); data scopes follow it.</summary>
    public Guid? DepartmentId { get; set; }
}
