using System.Security.Cryptography;
using Gydex.Kernel.Persistence;

namespace Gydex.Modules.Files;

/// <summary>The outcome of writing a content: its address and size.</summary>
public sealed record WrittenBlob(string Sha256, long Size, string Path);

public sealed class FileTooLargeException(long limit) : Exception($"The file is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

public sealed class EmptyFileException() : Exception("The file is empty.");

/// <summary>
/// Each organization's contents on disk, addressed by SHA-256: the same content is stored once. A content is
/// streamed to a temporary file while it is hashed and counted, and moved into place only when complete, so an
/// upload cut off midway leaves nothing behind. No user-supplied name ever reaches a path.
/// </summary>
public sealed class BlobStore(StorageOptions storage)
{
    private string Root(Guid organizationId) => Path.Combine(storage.OrgFolder(organizationId), "files");

    /// <summary>The path of a stored content; the hash is checked to be hex, so it cannot climb out of the folder.</summary>
    public string PathOf(Guid organizationId, string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new ArgumentException("Not a SHA-256.", nameof(sha256));
        return Path.Combine(Root(organizationId), "blobs", sha256[..2], sha256);
    }

    public async Task<WrittenBlob> WriteAsync(Guid organizationId, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporaryFolder = Path.Combine(Root(organizationId), "tmp");
        Directory.CreateDirectory(temporaryFolder);
        var temporary = Path.Combine(temporaryFolder, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            string sha;
            long size = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                        throw new FileTooLargeException(maxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (size == 0)
                    throw new EmptyFileException();
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var path = PathOf(organizationId, sha);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path))
                File.Delete(temporary);
            else
                File.Move(temporary, path, overwrite: true);
            return new WrittenBlob(sha, size, path);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Stream OpenRead(Guid organizationId, string sha256) =>
        new FileStream(PathOf(organizationId, sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public void Delete(Guid organizationId, string sha256)
    {
        var path = PathOf(organizationId, sha256);
        if (File.Exists(path))
            File.Delete(path);
    }
}
