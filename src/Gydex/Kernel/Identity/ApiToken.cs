namespace Gydex.Kernel.Identity;

public enum ApiTokenKind
{
    /// <summary>Issued by <c>POST api/v1/auth/token</c> for a sign-in.</summary>
    SignIn,

    /// <summary>Created by the user in the profile, with a name and an expiry of their choice.</summary>
    Personal,
}

/// <summary>A bearer token; only its SHA-256 is stored, so a leaked database reveals no usable token.</summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public ApiTokenKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the token text.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the token, so its owner can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
