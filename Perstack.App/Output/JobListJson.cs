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
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Writes the array and a line break.</summary>
    public static async Task WriteAsync(TextWriter output, IEnumerable<Job> jobs, CancellationToken cancellationToken)
    {
        var options = PerstackJson.Indented;
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        var writerOptions = new JsonWriterOptions
        {
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            Encoder = options.Encoder,
            MaxDepth = options.MaxDepth,
        };
        await using var writer = new Utf8JsonWriter(buffer, writerOptions);
        writer.WriteStartArray();
        foreach (var job in jobs)
        {
            JsonSerializer.Serialize(writer, job, PerstackJson.JobIndented);
            if (writer.BytesPending + buffer.WrittenCount >= ChunkBytes)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                await EmitAsync(output, buffer, cancellationToken).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await EmitAsync(output, buffer, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    private static async Task EmitAsync(TextWriter output, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        // Chunks end between jobs, so never inside a UTF-8 sequence.
        await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }
}
