namespace Gydex.Kernel.Organizations;

/// <summary>
/// The organization a request (or a background scope) works in, set once per scope from the URL
/// by <see cref="OrgResolutionMiddleware"/> or by <see cref="OrgScopes"/>.
/// </summary>
public sealed class CurrentOrganization
{
    private Organization? organization;

    public Organization? Organization => organization;

    public bool IsSet => organization is not null;

    /// <summary>The organization, for code that only runs inside one.</summary>
    public Organization Required =>
        organization ?? throw new InvalidOperationException("This code runs only within an organization, and none is set.");

    public void Set(Organization value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (organization is not null && organization.Id != value.Id)
            throw new InvalidOperationException("The organization of a scope cannot change.");
        organization = value;
    }
}
