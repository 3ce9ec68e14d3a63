using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Skills.Base;

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

/// <summary><c>createDirectory</c>: creates a folder and any missing parents.</summary>
internal sealed class CreateDirectoryTool(BaseSkillContext context) : BaseTool(context, "createDirectory", Description, Schema)
{
    private const string Description = """
        Directory creator for setting up folder structures in the workspace.

        Use cases:
        - Setting up a project's directory structure
        - Creating output folders for generated content
        - Organising files into groups

        How it works:
        - Creates the directory and any missing parent directories
        - Fails if the path already exists
        - Returns the created path

        Parameters:
        - path: directory path to create
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Directory path to create." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var resolved = Guard.Resolve(path);
        if (Directory.Exists(resolved) || File.Exists(resolved))
        {
            throw new ToolException($"Directory {path} already exists");
        }

        var parent = Path.GetDirectoryName(resolved)!;
        if (Directory.Exists(parent) && !FileFacts.IsWritable(new DirectoryInfo(parent)))
        {
            throw new ToolException($"Parent directory {parent} is not writable");
        }

        Directory.CreateDirectory(resolved);
        return Task.FromResult(ToolParts.Success(writer => writer.WriteString("path", resolved)));
    }
}

/// <summary><c>deleteDirectory</c>: removes an empty folder, or a folder and its contents when <c>recursive</c>.</summary>
internal sealed class DeleteDirectoryTool(BaseSkillContext context) : BaseTool(context, "deleteDirectory", Description, Schema)
{
    private const string Description = """
        Directory deleter for removing directories from the workspace.

        Use cases:
        - Removing temporary directories
        - Cleaning up build artifacts
        - Deleting empty directories after moving their files

        How it works:
        - Checks that the path is an existing, writable directory
        - Removes it; a directory that is not empty is removed only with recursive set to true
          (everything in it is deleted permanently)
        - Returns the deleted path

        Parameters:
        - path: directory path to delete (use deleteFile for files)
        - recursive: set to true to delete a non-empty directory and its contents
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Directory path to delete." },
            "recursive": { "type": "boolean", "description": "Whether to delete contents recursively. Required for non-empty directories." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        bool recursive = arguments.OptionalBool("recursive") ?? false;
        var resolved = Guard.Resolve(path);
        if (!Directory.Exists(resolved))
        {
            throw File.Exists(resolved)
                ? new ToolException($"Path {path} is not a directory. Use deleteFile tool instead.")
                : new ToolException($"Directory {path} does not exist.");
        }

        if (string.Equals(resolved, Guard.Workspace, StringComparison.Ordinal))
        {
            throw new ToolException("The workspace directory itself cannot be deleted.");
        }

        FileChecks.RequireWritable(new DirectoryInfo(resolved), path, "Directory");
        if (!recursive && Directory.EnumerateFileSystemEntries(resolved).Any())
        {
            throw new ToolException($"Directory {path} is not empty. Set recursive to true to delete it with its contents.");
        }

        Directory.Delete(resolved, recursive);
        return Task.FromResult(ToolParts.Success(writer => writer.WriteString("path", resolved)));
    }
}
