using System.Buffers;
using System.Text;
using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Json;

namespace Perstack.App.Output;

/// <summary>
/// Writes jobs as the indented JSON array <c>JsonSerializer.Serialize(jobs, PerstackJson.JobListIndented)</c> would
/// give, byte for byte, but in chunks: 100,000 jobs are ~40 MB of JSON, which as one string would be twice that
/// in memory.
/// </summary>
internal static class JobListJson
{
    // Below the large-object heap's 85 KB, so the chunk buffers are ordinary short-lived memory.
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Writes the array and a line break.</summary>
    public static async Task WriteAsync(TextWriter output, IEnumerable<Job> jobs, CancellationToken cancellationToken)
    {
        var options = PerstackJson.Indented;
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes * 2);
        var writerOptions = new JsonWriterOptions
        {
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            Encoder = options.Encoder,
            MaxDepth = options.MaxDepth,
        };
        try
        {
            await using var writer = new Utf8JsonWriter(buffer, writerOptions);
            writer.WriteStartArray();
            foreach (var job in jobs)
            {
                JsonSerializer.Serialize(writer, job, PerstackJson.JobIndented);
                if (writer.BytesPending + buffer.WrittenCount >= ChunkBytes)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    chars = await EmitAsync(output, buffer, chars, cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            chars = await EmitAsync(output, buffer, chars, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Writes the buffered bytes as text through <paramref name="chars"/> (returned, grown if it had to be).</summary>
    private static async Task<char[]> EmitAsync(TextWriter output, ArrayBufferWriter<byte> buffer, char[] chars, CancellationToken cancellationToken)
    {
        // Chunks end between jobs, so never inside a UTF-8 sequence.
        int needed = Encoding.UTF8.GetMaxCharCount(buffer.WrittenCount);
        if (needed > chars.Length)
        {
            ArrayPool<char>.Shared.Return(chars);
            chars = ArrayPool<char>.Shared.Rent(needed);
        }

        int count = Encoding.UTF8.GetChars(buffer.WrittenSpan, chars);
        await output.WriteAsync(chars.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
        return chars;
    }
}
