using Microsoft.AspNetCore.Identity;

namespace Gydex.Kernel.Identity;

/// <summary>Support staff of the installation; their accounts live in the catalog, not in any organization.</summary>
public sealed class PlatformOperator : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
