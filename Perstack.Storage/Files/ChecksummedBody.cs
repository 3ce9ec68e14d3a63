using System.Buffers.Binary;
using System.IO.Hashing;

namespace Perstack.Storage.Files;

/// <summary>The cache files' framing: a magic first, then the body, then the XxHash3 of magic and body (uint64, little-endian).</summary>
internal static class ChecksummedBody
{
    private const int ChecksumLength = 8;

    /// <summary>The part before the checksum when <paramref name="bytes"/> starts with <paramref name="magic"/> and the checksum matches; else empty.</summary>
    public static ReadOnlySpan<byte> Of(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> magic)
    {
        if (bytes.Length < magic.Length + ChecksumLength || !bytes[..magic.Length].SequenceEqual(magic))
        {
            return [];
        }

        var body = bytes[..^ChecksumLength];
        return XxHash3.HashToUInt64(body) == BinaryPrimitives.ReadUInt64LittleEndian(bytes[body.Length..]) ? body : [];
    }
}
