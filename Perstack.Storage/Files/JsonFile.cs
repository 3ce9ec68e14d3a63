using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.Storage.Files;

/// <summary>Reads one JSON document per file, turning every failure into a <see cref="StoreProblem"/> (writes go through <see cref="StoreWriter"/>).</summary>
internal static class JsonFile
{
    /// <summary>Reads <paramref name="path"/>; null with no problem when the file does not exist.</summary>
    public static Task<(T? Value, StoreProblem? Problem)> ReadAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(path, typeInfo));
    }

    /// <summary>
    /// Reads <paramref name="path"/> synchronously: for the small files Perstack stores, an async read on Unix is a
    /// blocking read on the thread pool plus a hop, measured ~30% slower when listing 10,000 jobs.
    /// </summary>
    public static (T? Value, StoreProblem? Problem) Read<T>(string path, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new StoreProblem(path, e.Message));
        }

        var value = PerstackJson.TryDeserialize(bytes, typeInfo, out var reason);
        return value is null ? (null, new StoreProblem(path, reason ?? "unreadable")) : (value, null);
    }

    /// <summary>Reads <paramref name="path"/>, throwing <see cref="CorruptFileException"/> when it exists but is unreadable.</summary>
    public static async Task<T?> ReadOrThrowAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var (value, problem) = await ReadAsync(path, typeInfo, cancellationToken).ConfigureAwait(false);
        return problem is null ? value : throw new CorruptFileException(problem);
    }
}
