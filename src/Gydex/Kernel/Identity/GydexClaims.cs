namespace Gydex.Kernel.Identity;

/// <summary>Claim types Gydex puts into its principals.</summary>
public static class GydexClaims
{
    /// <summary>The id of the organization a session or token belongs to; checked on every request.</summary>
    public const string Organization = "gydex:org";

    public const string DisplayName = "gydex:name";

    /// <summary>Present while the user still has to replace a one-time password.</summary>
    public const string MustChangePassword = "gydex:must-change-password";

    /// <summary>The id of the API token a request was authenticated with.</summary>
    public const string ApiToken = "gydex:token";

    /// <summary>The id of a platform operator (only in the platform console's principal).</summary>
    public const string Operator = "gydex:operator";

    /// <summary>In an employee's session of a test copy: the platform operator acting as that employee (id).</summary>
    public const string ActingOperator = "gydex:acting-operator";

    /// <summary>The acting operator's name, shown in the banner and recorded beside the employee in the journal.</summary>
    public const string ActingOperatorName = "gydex:acting-operator-name";
}

/// <summary>Authentication schemes and policies of Gydex.</summary>
public static class GydexAuth
{
    /// <summary>The default scheme: bearer tokens on the API, the session cookie on pages.</summary>
    public const string OrgScheme = "Gydex";

    public const string BearerScheme = "Bearer";

    public const string PlatformScheme = "Platform";

    /// <summary>Signed in to the organization in the URL, by cookie or token.</summary>
    public const string OrgUserPolicy = "OrgUser";

    public const string PlatformOperatorPolicy = "PlatformOperator";
}
