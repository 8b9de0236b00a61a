namespace Gydex.Kernel.Organizations;

public enum OrganizationStatus
{
    /// <summary>Its database is being created; not yet served.</summary>
    Provisioning,
    Active,
    Suspended,

    /// <summary>Its database and files are being replaced from a backup; not served until that is done.</summary>
    Restoring,
}

/// <summary>A row of the catalog: one independent organization and where its database lives.</summary>
public sealed class Organization
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }

    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>IANA time zone id in which the organization's dates are shown.</summary>
    public string TimeZoneId { get; set; } = "Europe/Moscow";

    /// <summary>"ru" or "en".</summary>
    public string DefaultLanguage { get; set; } = "ru";

    public OrganizationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Placement: the server key ("host:port") for PostgreSQL, "sqlite" for the embedded provider.</summary>
    public string DatabaseServer { get; set; } = "";

    /// <summary>The database name on that server, or the file name under the data folder.</summary>
    public string DatabaseName { get; set; } = "";

    /// <summary>The last migration applied to the organization's database, as recorded at start-up.</summary>
    public string? SchemaVersion { get; set; }

    /// <summary>The last start-up migration's failure, if it failed; null once it succeeds.</summary>
    public string? MigrationError { get; set; }

    public DateTimeOffset? MigratedAt { get; set; }

    /// <summary>
    /// Set on a test copy: the production organization it copies. A test copy lives at <c>/{slug}-test/</c>
    /// with its own database and files, and is neutralized (no scheduled jobs, no outgoing integrations).
    /// </summary>
    public Guid? TestCopyOfId { get; set; }

    /// <summary>On a test copy: the moment its data was taken from production.</summary>
    public DateTimeOffset? DataAsOf { get; set; }

    /// <summary>On a production organization: support may enter its test copy as an employee only with an administrator's approval.</summary>
    public bool SupportNeedsApproval { get; set; }

    public bool IsTestCopy => TestCopyOfId is not null;
}
