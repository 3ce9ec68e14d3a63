using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>listDirectory</c>: the entries of one folder, sorted, without the workspace's <c>perstack</c> folder.</summary>
internal sealed class ListDirectoryTool(BaseSkillContext context) : BaseTool(context, "listDirectory", Description, Schema)
{
    private const string Description = """
        Directory lister with details about each entry.

        Use cases:
        - Exploring the project structure
        - Finding files in a directory
        - Checking what a directory contains before changing it

        How it works:
        - Lists the files and subdirectories directly in the directory (not recursive)
        - Gives each entry's name, type (file or directory), size in bytes (0 for directories) and modification time
        - Sorts entries by name
        - Entries that lead outside the workspace (symbolic links) are not listed

        Parameters:
        - path: directory path to list; use "." for the workspace root
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Directory path to list (\".\" for the workspace root)." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var resolved = Guard.Resolve(path);
        if (!Directory.Exists(resolved))
        {
            throw File.Exists(resolved)
                ? new ToolException($"Path {path} is not a directory.")
                : new ToolException($"Directory {path} does not exist.");
        }

        var names = Directory.EnumerateFileSystemEntries(resolved).Select(entry => Path.GetFileName(entry)).ToList();
        names.Sort(StringComparer.Ordinal);
        var items = new List<(string Name, bool IsDirectory, long Size, DateTime Modified)>(names.Count);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Guard.TryResolve(Path.Join(resolved, name), out var entry, out _))
            {
                continue; // the perstack folder, or a link leading outside the workspace
            }

            if (Directory.Exists(entry))
            {
                items.Add((name, true, 0, Directory.GetLastWriteTimeUtc(entry)));
            }
            else if (new FileInfo(entry) is { Exists: true } file)
            {
                items.Add((name, false, file.Length, file.LastWriteTimeUtc));
            }
        }

        return Task.FromResult(ToolParts.Success(writer =>
        {
            writer.WriteString("path", resolved);
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WriteString("name", item.Name);
                writer.WriteString("path", item.Name);
                writer.WriteString("type", item.IsDirectory ? "directory" : "file");
                writer.WriteNumber("size", item.Size);
                writer.WriteString("modified", FileFacts.IsoTime(item.Modified));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));
    }
}
