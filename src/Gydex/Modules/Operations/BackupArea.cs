using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gydex.Kernel.Persistence;

namespace Gydex.Modules.Operations;

/// <summary>
/// The backup folders: <c>orgs/&lt;org id&gt;/&lt;backup id&gt;/</c> (manifest and database dump) beside
/// <c>orgs/&lt;org id&gt;/blobs/</c> (file contents by SHA-256, shared by that organization's backups), and
/// <c>catalog/&lt;backup id&gt;/</c>. The same layout is used on the offsite destination. No path here comes
/// from user input other than a backup id, which must match its shape.
/// </summary>
public static partial class BackupArea
{
    [GeneratedRegex("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{7}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    public static bool IsBackupId(string? id) => id is not null && IdShape().IsMatch(id);

    public static string NewId(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))[..7];

    public static string Root(BackupOptions options, StorageOptions storage) =>
        string.IsNullOrWhiteSpace(options.Path) ? Path.Combine(storage.DataPath, "backups") : Path.GetFullPath(options.Path);

    /// <summary>The folder holding an organization's (or, for null, the catalog's) backups.</summary>
    public static string SubjectFolder(string root, Guid? organizationId) =>
        organizationId is { } id ? Path.Combine(root, "orgs", id.ToString("N", CultureInfo.InvariantCulture)) : Path.Combine(root, "catalog");

    public static string BackupFolder(string root, Guid? organizationId, string backupId)
    {
        if (!IsBackupId(backupId))
            throw new ArgumentException("Not a backup id.", nameof(backupId));
        return Path.Combine(SubjectFolder(root, organizationId), backupId);
    }

    public static string BlobPath(string root, Guid? organizationId, string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new BackupException("A manifest names a content that is not a SHA-256.");
        return Path.Combine(SubjectFolder(root, organizationId), "blobs", sha256[..2], sha256);
    }

    public static async Task<(string Sha256, long Size)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }

    /// <summary>Copies a file while hashing it, through a temporary name, so a cut-off copy never looks whole.</summary>
    public static async Task<(string Sha256, long Size)> CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        var temporary = to + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            string sha;
            long size;
            await using (var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await target.FlushAsync(cancellationToken);
                target.Flush(flushToDisk: true);
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                size = target.Length;
            }

            File.Move(temporary, to, overwrite: true);
            return (sha, size);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
