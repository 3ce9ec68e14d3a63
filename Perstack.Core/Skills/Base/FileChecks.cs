using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Skills.Base;

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

    /// <summary>Refuses an entry the owner may not write.</summary>
    public static void RequireWritable(FileSystemInfo info, string given, string what = "File")
    {
        if (!FileFacts.IsWritable(info))
        {
            throw new ToolException($"{what} {given} is not writable");
        }
    }
}
