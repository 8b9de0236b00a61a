namespace Gydex.Modules.Files;

/// <summary>The <c>Files</c> section.</summary>
public sealed class FilesOptions
{
    public const string Section = "Files";

    /// <summary>The largest file one may upload.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The most an organization's contents may take (each distinct content counted once).</summary>
    public long OrganizationQuotaBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>How long deleted files and folders stay in the recycle bin.</summary>
    public int RecycleBinDays { get; set; } = 30;
}
