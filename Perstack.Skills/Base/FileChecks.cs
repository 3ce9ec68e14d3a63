using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary>Checks shared by the file tools.</summary>
internal static class FileChecks
{
    /// <summary>UTF-8 without a byte order mark, as Node writes it.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The existing file at <paramref name="resolved"/>, or the reference's "File X does not exist." error.</summary>
    public static FileInfo ExistingFile(string resolved, string given)
    {
        if (Directory.Exists(resolved))
        {
            throw new ToolException($"Path {given} is a directory, not a file.");
        }

        return RequireFile(resolved, given);
    }

    /// <summary>The file at <paramref name="resolved"/>; a missing path or a directory gets "File X does not exist.".</summary>
    public static FileInfo RequireFile(string resolved, string given)
    {
        var file = new FileInfo(resolved);
        return file.Exists ? file : throw new ToolException($"File {given} does not exist.");
    }

    /// <summary>The whole text of a file (UTF-8, a byte order mark honoured), opened by <see cref="CheckedFileOpen"/>.</summary>
    public static async Task<string> ReadAllTextAsync(string resolved, string given, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(CheckedFileOpen.OpenRead(resolved, given), Utf8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole content of a file, opened by <see cref="CheckedFileOpen"/>.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(string resolved, string given, CancellationToken cancellationToken)
    {
        var stream = CheckedFileOpen.OpenRead(resolved, given);
        await using (stream.ConfigureAwait(false))
        {
            using var content = new MemoryStream();
            await stream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            return content.ToArray();
        }
    }

    /// <summary>Replaces a file's content (creating it), opened by <see cref="CheckedFileOpen"/>: refused before anything is truncated.</summary>
    public static Task WriteAllTextAsync(string resolved, string given, string text, CancellationToken cancellationToken) =>
        WriteAsync(resolved, given, text, append: false, cancellationToken);

    /// <summary>Appends to an existing file, opened by <see cref="CheckedFileOpen"/>.</summary>
    public static Task AppendAllTextAsync(string resolved, string given, string text, CancellationToken cancellationToken) =>
        WriteAsync(resolved, given, text, append: true, cancellationToken);

    private static async Task WriteAsync(string resolved, string given, string text, bool append, CancellationToken cancellationToken)
    {
        var stream = CheckedFileOpen.OpenWrite(resolved, given, create: !append);
        await using (stream.ConfigureAwait(false))
        {
            if (append)
            {
                stream.Seek(0, SeekOrigin.End);
            }
            else
            {
                stream.SetLength(0);
            }

            var writer = new StreamWriter(stream, Utf8);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Refuses an entry the owner may not write.</summary>
    public static void RequireWritable(FileSystemInfo info, string given, string what = "File")
    {
        if (!FileFacts.IsWritable(info))
        {
            throw new ToolException($"{what} {given} is not writable");
        }
    }
}
