namespace Gydex.CommerceML.Exchange;

/// <summary>
/// The folder of one exchange session's uploads. 1C splits a file larger than file_limit into several
/// mode=file POSTs with the same filename, cut at arbitrary bytes; appending them in order restores the file.
/// </summary>
public sealed class ChunkedUpload
{
    private readonly long maxTotalBytes;

    public ChunkedUpload(string root, long maxTotalBytes = 2L * 1024 * 1024 * 1024)
    {
        Root = Path.GetFullPath(root);
        this.maxTotalBytes = maxTotalBytes;
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Bytes stored so far, all files together.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>mode=init starts a fresh package: earlier uploads are removed (as Bitrix does).</summary>
    public void Reset()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
        Directory.CreateDirectory(Root);
        TotalBytes = 0;
    }

    /// <summary>Appends one mode=file body to its file; returns the file's path. Unsafe names are refused.</summary>
    public async Task<string> AppendAsync(string fileName, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var path = ExchangeFileName.Resolve(Root, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var output = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                TotalBytes += read;
                if (TotalBytes > maxTotalBytes)
                    throw new InvalidDataException($"the uploaded package exceeds {maxTotalBytes} bytes");
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        return path;
    }

    /// <summary>Path of an uploaded file, or null when it was not uploaded.</summary>
    public string? Find(string fileName)
    {
        var path = ExchangeFileName.Resolve(Root, fileName);
        return File.Exists(path) ? path : null;
    }
}
