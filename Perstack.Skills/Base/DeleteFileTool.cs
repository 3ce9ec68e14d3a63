using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>deleteFile</c>: removes one file.</summary>
internal sealed class DeleteFileTool(BaseSkillContext context) : BaseTool(context, "deleteFile", Description, Schema)
{
    private const string Description = """
        File deleter for removing a file from the workspace.

        Use cases:
        - Removing temporary files
        - Cleaning up generated files
        - Deleting outdated files

        How it works:
        - Checks that the path is an existing, writable file (not a directory)
        - Deletes it permanently
        - Returns the deleted path

        Parameters:
        - path: file path to delete (use deleteDirectory for directories)
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File path to delete." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var resolved = Guard.ResolveFile(path);
        if (Directory.Exists(resolved))
        {
            throw new ToolException($"Path {path} is a directory. Use delete directory tool instead.");
        }

        var file = FileChecks.RequireFile(resolved, path);

        FileChecks.RequireWritable(file, path);
        file.Delete();
        return Task.FromResult(ToolParts.Success(writer => writer.WriteString("path", resolved)));
    }
}
