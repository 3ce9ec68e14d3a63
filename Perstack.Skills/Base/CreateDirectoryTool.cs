using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

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
