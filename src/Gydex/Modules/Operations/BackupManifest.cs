using System.Text.Json;

namespace Gydex.Modules.Operations;

/// <summary>A part of a backup: a file, its size and SHA-256.</summary>
public sealed record BackupPart(string Path, string Sha256, long Size);

/// <summary>
/// <c>manifest.json</c> of a backup: what was backed up, when, at which schema version, and the SHA-256 of every
/// part — the database dump, and each file of the organization's folder (whose contents sit, addressed by their
/// hash, in the organization's shared blob folder of the backup area).
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Id { get; init; } = "";

    public Guid? OrganizationId { get; init; }

    public string? OrganizationSlug { get; init; }

    public string? OrganizationName { get; init; }

    public DateTimeOffset TakenAt { get; init; }

    public string Provider { get; init; } = "";

    public string? SchemaVersion { get; init; }

    public BackupPart Database { get; init; } = new("", "", 0);

    public IReadOnlyDictionary<string, long> RowCounts { get; init; } = new Dictionary<string, long>();

    public IReadOnlyList<BackupPart> Files { get; init; } = [];

    public static async Task<BackupManifest> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new BackupException("The backup has no manifest.");
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken)
                   ?? throw new BackupException("The manifest is empty.");
        }
        catch (JsonException e)
        {
            throw new BackupException("The manifest cannot be read: " + e.Message);
        }
    }

    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }
}
