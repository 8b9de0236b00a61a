using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Gydex.Kernel.EventLog;

namespace Gydex.Bench.Journal;

/// <summary>
/// A prototype of the chain check without per-record allocations: the canonical form of
/// <see cref="JournalChain"/> (same bytes, same order) written into one reused buffer, the SHA-256 into a stack
/// span, and the comparison done on the hex characters in a stack span — no ArrayBufferWriter, no hash string.
/// The previous hash is kept as its 64 ASCII bytes.
/// </summary>
internal sealed class FastChain
{
    private readonly byte[] previous = Encoding.ASCII.GetBytes(JournalChain.Genesis);
    private byte[] buffer = new byte[1024];
    private int length;

    public bool Check(long id, DateTimeOffset at, string action, string? ip, Guid? userId, string? userName, Guid? operatorId, string? operatorName,
        Guid? affectedUserId, string? affectedUserName, Guid? affectedGroupId, string? affectedGroupName, string? right,
        string? documentType, string? documentId, string? documentCode, string? comment, string? changes, string hash)
    {
        length = 0;
        Length(previous.Length);
        Ensure(previous.Length);
        previous.CopyTo(buffer, length);
        length += previous.Length;
        Long(id);
        Long(JournalChain.Truncate(at).UtcTicks);
        Text(action);
        Text(ip);
        Id(userId);
        Text(userName);
        Id(operatorId);
        Text(operatorName);
        Id(affectedUserId);
        Text(affectedUserName);
        Id(affectedGroupId);
        Text(affectedGroupName);
        Text(right);
        Text(documentType);
        Text(documentId);
        Text(documentCode);
        Text(comment);
        Text(changes);

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.AsSpan(0, length), digest);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(digest, hex, out _);
        if (!hex.SequenceEqual(hash))
            return false;
        Encoding.ASCII.GetBytes(hash, previous);
        return true;
    }

    private void Ensure(int more)
    {
        if (length + more > buffer.Length)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
    }

    private void Long(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    private void Length(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    private void Id(Guid? value)
    {
        if (value is not { } guid)
        {
            Length(-1);
            return;
        }

        Length(16);
        Ensure(16);
        guid.TryWriteBytes(buffer.AsSpan(length), bigEndian: true, out _);
        length += 16;
    }

    private void Text(string? value)
    {
        if (value is null)
        {
            Length(-1);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(4 + max);
        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length + 4));
        Length(written);
        length += written;
    }
}
