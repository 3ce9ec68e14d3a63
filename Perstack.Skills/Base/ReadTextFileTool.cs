using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>readTextFile</c>: UTF-8 text, optionally a range of lines.</summary>
internal sealed class ReadTextFileTool(BaseSkillContext context) : BaseTool(context, "readTextFile", Description, Schema)
{
    private const string Description = """
        Text file reader with line range support, for UTF-8 files.

        Use cases:
        - Reading source code for analysis
        - Reading only a part of a large text file
        - Loading configuration or documentation files
        - Looking at log or data files

        How it works:
        - Reads the file as UTF-8 text, without checking its format
        - Splits it on "\n"; "from" and "to" select lines by zero-based index, "to" excluded
          (from 0 to 10 returns the first ten lines); leave both out to read the whole file
        - Returns the content with the path and the range used
        - WARNING: binary files give errors or garbled output (use readImageFile / readPdfFile)

        Common file types:
        - Source code: .ts, .js, .py, .java, .cs, .cpp, …
        - Documentation: .md, .txt, .rst
        - Configuration: .json, .yaml, .toml, .ini
        - Data: .csv, .log, .sql
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File path (relative to the workspace, or absolute inside it)." },
            "from": { "type": "number", "description": "The line number to start reading from (zero-based, included)." },
            "to": { "type": "number", "description": "The line number to stop reading at (zero-based, excluded)." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override async Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var from = arguments.OptionalInteger("from");
        var to = arguments.OptionalInteger("to");
        var resolved = Guard.ResolveFile(path);
        var file = FileChecks.ExistingFile(resolved, path);
        var lines = (await FileChecks.ReadAllTextAsync(file.FullName, path, cancellationToken).ConfigureAwait(false)).Split('\n');

        long fromLine = from ?? 0;
        long toLine = to ?? lines.Length;
        int start = SliceIndex(fromLine, lines.Length);
        int end = SliceIndex(toLine, lines.Length);
        var content = end > start ? string.Join('\n', lines, start, end - start) : "";
        return ToolParts.Success(writer =>
        {
            writer.WriteString("path", path);
            writer.WriteString("content", content);
            writer.WriteNumber("from", fromLine);
            writer.WriteNumber("to", toLine);
        });
    }

    /// <summary>JavaScript's <c>Array.slice</c> index: negative counts from the end, clamped to [0, length].</summary>
    private static int SliceIndex(long index, int length) =>
        (int)(index < 0 ? Math.Max(length + index, 0) : Math.Min(index, length));
}
