using System.Buffers;
using System.Text;
using System.Text.Json;
using Perstack.App.Cli.Output;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Json;

namespace Perstack.App.Features.Jobs;

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
        // The real stdout takes the UTF-8 bytes as they are: going through Console.Out would decode them to text and
        // encode them again (~45% of the CPU time of listing 100,000 jobs). Anything else (tests, a redirect in process)
        // gets text.
        await using var raw = RawStdout.OpenFor(output);
        try
        {
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            await using var writer = new Utf8JsonWriter(buffer, writerOptions);
            writer.WriteStartArray();
            foreach (var job in jobs)
            {
                JsonSerializer.Serialize(writer, DerivedJobText.ForJson(job), PerstackJson.JobIndented);
                if (writer.BytesPending + buffer.WrittenCount >= ChunkBytes)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    chars = await EmitAsync(output, raw, buffer, chars, cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            chars = await EmitAsync(output, raw, buffer, chars, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Writes the buffered bytes to <paramref name="raw"/> as they are, or else as text through <paramref name="chars"/>
    /// (returned, grown if it had to be).
    /// </summary>
    private static async Task<char[]> EmitAsync(TextWriter output, Stream? raw, ArrayBufferWriter<byte> buffer, char[] chars, CancellationToken cancellationToken)
    {
        if (raw is not null)
        {
            await raw.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            buffer.ResetWrittenCount();
            return chars;
        }

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
