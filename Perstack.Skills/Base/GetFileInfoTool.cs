using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>getFileInfo</c>: metadata of a file or folder.</summary>
internal sealed class GetFileInfoTool(BaseSkillContext context) : BaseTool(context, "getFileInfo", Description, Schema)
{
    private const string Description = """
        File information retriever: detailed metadata about a file or directory.

        Use cases:
        - Checking whether a path exists and whether it is a file or a directory
        - Getting size and timestamps
        - Finding the MIME type before choosing a reader (readTextFile, readImageFile, readPdfFile)
        - Checking permissions

        How it works:
        - Reads the file system metadata (sizes of directories are reported as 0)
        - Detects the MIME type from the extension
        - Returns the absolute path, name, directory, extension and a human-readable size

        Parameters:
        - path: file or directory path to inspect
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File or directory path to inspect." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var resolved = Guard.Resolve(path);
        bool isDirectory = Directory.Exists(resolved);
        FileSystemInfo info = isDirectory ? new DirectoryInfo(resolved) : new FileInfo(resolved);
        if (!info.Exists)
        {
            throw new ToolException($"File or directory {path} does not exist");
        }

        long size = info is FileInfo file ? file.Length : 0;
        return Task.FromResult(ToolParts.Success(writer =>
        {
            writer.WriteBoolean("exists", true);
            writer.WriteString("path", resolved);
            writer.WriteString("absolutePath", resolved);
            writer.WriteString("name", Path.GetFileName(resolved));
            writer.WriteString("directory", Path.GetDirectoryName(resolved) ?? resolved);
            writer.WriteNullableString("extension", isDirectory ? null : FileFacts.Extension(resolved));
            writer.WriteString("type", isDirectory ? "directory" : "file");
            writer.WriteNullableString("mimeType", isDirectory ? null : MimeTypes.Lookup(resolved) ?? MimeTypes.Fallback);
            writer.WriteNumber("size", size);
            writer.WriteString("sizeFormatted", FileFacts.FormatSize(size));
            writer.WriteString("created", FileFacts.IsoTime(info.CreationTimeUtc));
            writer.WriteString("modified", FileFacts.IsoTime(info.LastWriteTimeUtc));
            writer.WriteString("accessed", FileFacts.IsoTime(info.LastAccessTimeUtc));
            writer.WriteStartObject("permissions");
            writer.WriteBoolean("readable", true);
            writer.WriteBoolean("writable", FileFacts.IsWritable(info));
            writer.WriteBoolean("executable", FileFacts.IsExecutable(info));
            writer.WriteEndObject();
        }));
    }
}
