using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>appendTextFile</c>: adds text to the end of an existing file, as it is.</summary>
internal sealed class AppendTextFileTool(BaseSkillContext context) : BaseTool(context, "appendTextFile", Description, Schema)
{
    private const string Description = """
        Adds text to the end of an existing file.

        Use cases:
        - Adding entries to log files
        - Appending rows to CSV files
        - Adding new sections to documentation
        - Building a large file in several steps

        How it works:
        - Appends the text exactly as given to the end of the file (no newline is added: start your text
          with "\n" if the file does not end with one)
        - Does not change the existing content
        - Returns the file path and the appended text

        Rules:
        - THE FILE MUST EXIST BEFORE APPENDING (create it with writeTextFile)
        - YOU MUST PROVIDE A VALID UTF-8 STRING FOR THE TEXT
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Target file path to append to." },
            "text": { "type": "string", "description": "Text to append to the file." }
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
        var file = FileChecks.ExistingFile(resolved, path);
        FileChecks.RequireWritable(file, path);
        await FileChecks.AppendAllTextAsync(resolved, path, text, cancellationToken).ConfigureAwait(false);
        return ToolParts.Success(writer =>
        {
            writer.WriteString("path", resolved);
            writer.WriteString("text", text);
        });
    }
}
