using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>moveFile</c>: renames or moves a file (or folder) inside the workspace.</summary>
internal sealed class MoveFileTool(BaseSkillContext context) : BaseTool(context, "moveFile", Description, Schema)
{
    private const string Description = """
        File mover for renaming or relocating files inside the workspace.

        Use cases:
        - Renaming files to follow naming conventions
        - Moving files to other directories
        - Reorganising the project structure
        - Keeping a backup copy name before a rewrite

        How it works:
        - Checks that the source exists and that the destination does not
        - Creates the destination's parent directories if needed
        - Moves (renames) the file; content, permissions and timestamps are kept

        Parameters:
        - source: current path
        - destination: new path (must not exist yet)
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "source": { "type": "string", "description": "Current file path." },
            "destination": { "type": "string", "description": "New file path; must not exist yet." }
          },
          "required": ["source", "destination"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var source = arguments.RequiredString("source");
        var destination = arguments.RequiredString("destination");
        var resolvedSource = Guard.ResolveFile(source);
        var resolvedDestination = Guard.ResolveFile(destination);

        bool isDirectory = Directory.Exists(resolvedSource);
        FileSystemInfo sourceInfo = isDirectory ? new DirectoryInfo(resolvedSource) : new FileInfo(resolvedSource);
        if (!sourceInfo.Exists)
        {
            throw new ToolException($"Source file {source} does not exist.");
        }

        if (isDirectory && string.Equals(resolvedSource, Guard.Workspace, StringComparison.Ordinal))
        {
            throw new ToolException("The workspace directory itself cannot be moved.");
        }

        FileChecks.RequireWritable(sourceInfo, source, "Source file");
        if (File.Exists(resolvedDestination) || Directory.Exists(resolvedDestination))
        {
            throw new ToolException($"Destination {destination} already exists.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(resolvedDestination)!);
        if (isDirectory)
        {
            Directory.Move(resolvedSource, resolvedDestination);
        }
        else
        {
            File.Move(resolvedSource, resolvedDestination);
        }

        return Task.FromResult(ToolParts.Success(writer =>
        {
            writer.WriteString("source", resolvedSource);
            writer.WriteString("destination", resolvedDestination);
        }));
    }
}
