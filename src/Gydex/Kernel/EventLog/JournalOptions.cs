namespace Gydex.Kernel.EventLog;

/// <summary>The <c>Journal</c> section.</summary>
public sealed class JournalOptions
{
    public const string Section = "Journal";

    /// <summary>Mask the fields modules mark as personal data (e-mails, phones…) in new records.</summary>
    public bool MaskPersonalData { get; set; }

    /// <summary>Records older than this many days move to archive segments; 0 keeps them in the table forever.</summary>
    public int RetentionDays { get; set; }

    /// <summary>How often each node looks for records to archive.</summary>
    public TimeSpan ArchiveInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The most records one archive segment holds.</summary>
    public int SegmentSize { get; set; } = 100_000;
}
