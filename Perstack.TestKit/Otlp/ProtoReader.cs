namespace Perstack.TestKit.Otlp;

/// <summary>
/// Reads the protobuf wire format field by field, enough to pick the few OTLP fields the tests assert. Written by
/// hand because the OpenTelemetry proto package is not served; decoding by field number keeps the receiver honest
/// (it reads what the exporter really sent) without generated code.
/// </summary>
internal static class ProtoReader
{
    /// <summary>One field of a message: its number, and either its varint/fixed value or its length-delimited bytes.</summary>
    public readonly record struct Field(int Number, ulong Scalar, ReadOnlyMemory<byte> Bytes);

    public static List<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        int at = 0;
        while (at < span.Length)
        {
            ulong tag = Varint(span, ref at);
            int number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    fields.Add(new Field(number, Varint(span, ref at), default));
                    break;
                case 1:
                    fields.Add(new Field(number, BitConverter.ToUInt64(span.Slice(at, 8)), default));
                    at += 8;
                    break;
                case 2:
                    int length = checked((int)Varint(span, ref at));
                    fields.Add(new Field(number, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    fields.Add(new Field(number, BitConverter.ToUInt32(span.Slice(at, 4)), default));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7}");
            }
        }

        return fields;
    }

    public static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number).Select(f => f.Bytes);

    public static string Text(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).LastOrDefault(f => f.Number == number) is { Bytes.Length: > 0 } field ? System.Text.Encoding.UTF8.GetString(field.Bytes.Span) : "";

    public static string Hex(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).LastOrDefault(f => f.Number == number) is { Bytes.Length: > 0 } field ? Convert.ToHexStringLower(field.Bytes.Span) : "";

    public static ulong Scalar(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).LastOrDefault(f => f.Number == number).Scalar;

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("Varint too long");
    }
}
