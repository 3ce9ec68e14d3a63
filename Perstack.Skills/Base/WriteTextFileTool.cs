using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>writeTextFile</c>: creates or overwrites a UTF-8 file, creating missing parent folders.</summary>
internal sealed class WriteTextFileTool(BaseSkillContext context) : BaseTool(context, "writeTextFile", Description, Schema)
{
    private const string Description = """
        Text file writer that creates or overwrites a file with UTF-8 content.

        Use cases:
        - Creating new source, configuration or documentation files
        - Writing generated code
        - Saving processed data, results or reports

        How it works:
        - Writes the text as UTF-8
        - Creates missing parent directories
        - Returns the path written

        Rules:
        - IF THE FILE ALREADY EXISTS, IT WILL BE OVERWRITTEN
        - YOU MUST PROVIDE A VALID UTF-8 STRING FOR THE TEXT
        - To change a part of an existing file, prefer editTextFile; to add to its end, appendTextFile
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Target file path (relative or absolute)." },
            "text": { "type": "string", "description": "Text to write to the file." }
          },
          "required": ["path", "text"],
          "additionalProperties": false
        }
        """;

    public override async Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var text = arguments.RequiredString("text");
        var resolved = Guard.ResolveFile(path);
        if (Directory.Exists(resolved))
        {
            throw new ToolException($"Path {path} is a directory, not a file.");
        }

        var file = new FileInfo(resolved);
        if (file.Exists)
        {
            FileChecks.RequireWritable(file, path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(resolved)!);
        await FileChecks.WriteAllTextAsync(resolved, path, text, cancellationToken).ConfigureAwait(false);
        return ToolParts.Success(writer =>
        {
            writer.WriteString("path", resolved);
            writer.WriteString("text", text);
        });
    }
}
