using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// The hash chain: each record's SHA-256 covers a canonical form of its content and the previous record's hash,
/// so changing, removing or reordering any record breaks every link after it.
/// </summary>
public static class JournalChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Instants are kept to the millisecond, which both databases store exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static string Compute(string previousHash, JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(record);
        var writer = new ArrayBufferWriter<byte>(512);
        Write(writer, previousHash, record);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(writer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Length-prefixed fields in a fixed order: no two different records have the same form. A field added later
    /// goes at the end, so old records keep their hashes.
    /// </summary>
    internal static void Write(ArrayBufferWriter<byte> writer, string previousHash, JournalRecord r)
    {
        WriteText(writer, previousHash);
        WriteLong(writer, r.Id);
        WriteLong(writer, Truncate(r.At).UtcTicks);
        WriteText(writer, r.Action);
        WriteText(writer, r.Ip);
        WriteGuid(writer, r.UserId);
        WriteText(writer, r.UserName);
        WriteGuid(writer, r.OperatorId);
        WriteText(writer, r.OperatorName);
        WriteGuid(writer, r.AffectedUserId);
        WriteText(writer, r.AffectedUserName);
        WriteGuid(writer, r.AffectedGroupId);
        WriteText(writer, r.AffectedGroupName);
        WriteText(writer, r.Right);
        WriteText(writer, r.DocumentType);
        WriteText(writer, r.DocumentId);
        WriteText(writer, r.DocumentCode);
        WriteText(writer, r.Comment);
        WriteText(writer, r.Changes);
    }

    private static void WriteLong(ArrayBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    private static void WriteGuid(ArrayBufferWriter<byte> writer, Guid? value)
    {
        if (value is not { } guid)
        {
            WriteLength(writer, -1);
            return;
        }

        WriteLength(writer, 16);
        guid.TryWriteBytes(writer.GetSpan(16), bigEndian: true, out _);
        writer.Advance(16);
    }

    private static void WriteText(ArrayBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            WriteLength(writer, -1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteLength(writer, length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    private static void WriteLength(ArrayBufferWriter<byte> writer, int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), length);
        writer.Advance(4);
    }
}
