using System.IO.Compression;

namespace Gydex.CommerceML.Exchange;

/// <summary>Limits for unpacking a zipped exchange package; a zip bomb or a crafted entry name is refused.</summary>
public sealed record ZipPackageLimits
{
    public long MaxTotalUncompressedBytes { get; init; } = 4L * 1024 * 1024 * 1024;
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Largest uncompressed/compressed ratio of one entry; XML compresses ~10–30×, bombs 1000× and more.</summary>
    public double MaxCompressionRatio { get; init; } = 200;
}

/// <summary>An entry that was unpacked: its safe relative name and where it is now.</summary>
public sealed record ZipPackageEntry(string Name, string Path, long Length);

/// <summary>Unpacking of the zip 1C sends when init answered zip=yes (XML plus images).</summary>
public static class ZipPackage
{
    /// <summary>
    /// Unpacks every entry under <paramref name="targetDirectory"/>, counting the bytes really written (the sizes a zip
    /// declares can lie). Throws <see cref="InvalidDataException"/> on a limit or an entry path outside the folder.
    /// </summary>
    public static async Task<IReadOnlyList<ZipPackageEntry>> ExtractAsync(Stream zip, string targetDirectory, ZipPackageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        limits ??= new ZipPackageLimits();
        var root = Path.GetFullPath(targetDirectory);
        Directory.CreateDirectory(root);
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > limits.MaxEntries)
            throw new InvalidDataException($"the zip has {archive.Entries.Count} entries, more than {limits.MaxEntries}");
        var entries = new List<ZipPackageEntry>();
        long total = 0;
        var buffer = new byte[81920];
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                continue; // a folder entry
            if (!ExchangeFileName.TryNormalize(entry.FullName, out var name))
                throw new InvalidDataException($"zip entry \"{entry.FullName}\" points outside the package");
            string path;
            try
            {
                path = ExchangeFileName.Resolve(root, name);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
            var compressed = Math.Max(entry.CompressedLength, 1);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            long written = 0;
            var input = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        written += read;
                        total += read;
                        // Ratios only mean something past a few kilobytes; tiny entries compress oddly.
                        if (written > 64 * 1024 && (double)written / compressed > limits.MaxCompressionRatio)
                            throw new InvalidDataException($"zip entry \"{name}\" expands more than {limits.MaxCompressionRatio}× (a zip bomb?)");
                        if (total > limits.MaxTotalUncompressedBytes)
                            throw new InvalidDataException($"the zip unpacks to more than {limits.MaxTotalUncompressedBytes} bytes");
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            entries.Add(new ZipPackageEntry(name, path, written));
        }
        return entries;
    }
}
