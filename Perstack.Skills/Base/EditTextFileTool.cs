using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>editTextFile</c>: replaces the first exact occurrence of a text (literally).</summary>
internal sealed class EditTextFileTool(BaseSkillContext context) : BaseTool(context, "editTextFile", Description, Schema)
{
    private const string Description = """
        Text file editor: replaces an exact piece of text in an existing file.

        Use cases:
        - Updating configuration values
        - Changing code snippets
        - Replacing specific blocks of text
        - Making targeted edits without rewriting the whole file

        How it works:
        - Reads the file and finds the first exact occurrence of oldText
        - Replaces it with newText, literally (no pattern or "$" substitutions)
        - Line endings are normalised to "\n" in the file and in both texts
        - Fails if oldText does not occur in the file: read the file again and copy the text exactly
        - To add text at the end of a file, use appendTextFile instead

        Rules:
        - YOU MUST PROVIDE A VALID UTF-8 STRING FOR THE TEXT
        - oldText must be unique enough to match the place you mean (include surrounding lines if needed)
        - THERE IS A LIMIT ON THE NUMBER OF TOKENS YOU CAN GENERATE: KEEP EACH EDIT UNDER 2000 CHARACTERS AND USE
          THIS TOOL SEVERAL TIMES FOR LARGER CHANGES
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Target file path to edit." },
            "newText": { "type": "string", "maxLength": 2000, "description": "Text to put in place of oldText. Max 2000 characters." },
            "oldText": { "type": "string", "minLength": 1, "maxLength": 2000, "description": "Exact text to find and replace. Max 2000 characters." }
          },
          "required": ["path", "newText", "oldText"],
          "additionalProperties": false
        }
        """;

    public override async Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var newText = arguments.RequiredString("newText");
        var oldText = arguments.RequiredString("oldText");
        if (oldText.Length == 0)
        {
            throw new ToolException("Invalid arguments for tool editTextFile: \"oldText\" must not be empty");
        }

        var resolved = Guard.ResolveFile(path);
        var file = FileChecks.ExistingFile(resolved, path);
        FileChecks.RequireWritable(file, path);

        var content = Normalize(await FileChecks.ReadAllTextAsync(resolved, path, cancellationToken).ConfigureAwait(false));
        var normalizedOld = Normalize(oldText);
        int at = content.IndexOf(normalizedOld, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ToolException($"Could not find exact match for oldText in file {resolved}");
        }

        var edited = string.Concat(content.AsSpan(0, at), Normalize(newText), content.AsSpan(at + normalizedOld.Length));
        await FileChecks.WriteAllTextAsync(resolved, path, edited, cancellationToken).ConfigureAwait(false);
        return ToolParts.Success(writer =>
        {
            writer.WriteString("path", resolved);
            writer.WriteString("newText", newText);
            writer.WriteString("oldText", oldText);
        });
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
