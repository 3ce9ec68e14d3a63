using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

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
