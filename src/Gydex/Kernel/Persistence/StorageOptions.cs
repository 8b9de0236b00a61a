using System.ComponentModel.DataAnnotations;

namespace Gydex.Kernel.Persistence;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Storage</c> section: which database engine holds the catalog and the organizations.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder for SQLite files and the organizations' file stores.</summary>
    [Required]
    public string DataPath { get; set; } = "./data";

    public PostgresStorageOptions Postgres { get; set; } = new();

    /// <summary>The organization's own folder on disk (journal archive, file store), named by its id, never by user input.</summary>
    public string OrgFolder(Guid organizationId) =>
        Path.Combine(DataPath, "orgs", organizationId.ToString("N", System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class PostgresStorageOptions
{
    /// <summary>Server connection strings (no database); a new organization goes to the one holding the fewest.</summary>
    public List<string> Servers { get; set; } = [];

    /// <summary>Prefix of organization database names, so that several installations can share a server.</summary>
    public string DatabasePrefix { get; set; } = "gydex_org_";
}
