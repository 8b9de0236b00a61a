namespace Gydex.Modules.Operations;

/// <summary>The <c>Backups</c> section.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backups";

    /// <summary>Where backups are kept; <c>&lt;DataPath&gt;/backups</c> when empty.</summary>
    public string? Path { get; set; }

    /// <summary>When backups are taken (cron, server time): by default at 03:00, 09:00, 13:00 and 18:00.</summary>
    public string Schedule { get; set; } = "0 3,9,13,18 * * *";

    /// <summary>Per-organization schedules overriding <see cref="Schedule"/>: slug → cron expression.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every backup of the last N days is kept.</summary>
    public int KeepAllDays { get; set; } = 3;

    /// <summary>Then one a day for D days.</summary>
    public int KeepDailyDays { get; set; } = 14;

    /// <summary>Then one a week for W weeks; the weekly ones also go offsite.</summary>
    public int KeepWeeklyWeeks { get; set; } = 8;

    /// <summary>How many file contents a verification re-hashes (besides the database, always hashed in full).</summary>
    public int VerifySampleFiles { get; set; } = 64;

    /// <summary>The folder of pg_dump and pg_restore; found under /usr/lib/postgresql/*/bin or on PATH when empty.</summary>
    public string? PostgresBin { get; set; }

    /// <summary>
    /// How long a restore into a serving organization waits, once the organization is marked as being restored,
    /// before it replaces the database: every node's cached copy of the organization expires meanwhile
    /// (<see cref="Gydex.Kernel.Organizations.OrganizationDirectory.CacheFor"/>) and requests under way finish.
    /// </summary>
    public double RestoreDrainSeconds { get; set; } = 6;

    public OffsiteOptions Offsite { get; set; } = new();
}

public sealed class OffsiteOptions
{
    /// <summary>A second destination (another disk, a mounted medium) for the weekly backups; none when empty.</summary>
    public string? Path { get; set; }
}
