using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Skills.Base;

/// <summary>Checks shared by the file tools.</summary>
internal static class FileChecks
{
    /// <summary>UTF-8 without a byte order mark, as Node writes it.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The existing file at <paramref name="resolved"/>, or the reference's "File X does not exist." error.</summary>
    public static FileInfo ExistingFile(string resolved, string given)
    {
        if (Directory.Exists(resolved))
        {
            throw new ToolException($"Path {given} is a directory, not a file.");
        }

        var file = new FileInfo(resolved);
        return file.Exists ? file : throw new ToolException($"File {given} does not exist.");
    }

    /// <summary>Refuses an entry the owner may not write.</summary>
    public static void RequireWritable(FileSystemInfo info, string given, string what = "File")
    {
        if (!FileFacts.IsWritable(info))
        {
            throw new ToolException($"{what} {given} is not writable");
        }
    }
}

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
        var resolved = Guard.Resolve(path);
        var file = FileChecks.ExistingFile(resolved, path);
        var lines = (await File.ReadAllTextAsync(file.FullName, FileChecks.Utf8, cancellationToken).ConfigureAwait(false)).Split('\n');

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
        var resolved = Guard.Resolve(path);
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
        await File.WriteAllTextAsync(resolved, text, FileChecks.Utf8, cancellationToken).ConfigureAwait(false);
        return ToolParts.Success(writer =>
        {
            writer.WriteString("path", resolved);
            writer.WriteString("text", text);
        });
    }
}

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
        var resolved = Guard.Resolve(path);
        var file = FileChecks.ExistingFile(resolved, path);
        FileChecks.RequireWritable(file, path);
        await File.AppendAllTextAsync(resolved, text, FileChecks.Utf8, cancellationToken).ConfigureAwait(false);
        return ToolParts.Success(writer =>
        {
            writer.WriteString("path", resolved);
            writer.WriteString("text", text);
        });
    }
}

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

        var resolved = Guard.Resolve(path);
        var file = FileChecks.ExistingFile(resolved, path);
        FileChecks.RequireWritable(file, path);

        var content = Normalize(await File.ReadAllTextAsync(resolved, FileChecks.Utf8, cancellationToken).ConfigureAwait(false));
        var normalizedOld = Normalize(oldText);
        int at = content.IndexOf(normalizedOld, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ToolException($"Could not find exact match for oldText in file {resolved}");
        }

        var edited = string.Concat(content.AsSpan(0, at), Normalize(newText), content.AsSpan(at + normalizedOld.Length));
        await File.WriteAllTextAsync(resolved, edited, FileChecks.Utf8, cancellationToken).ConfigureAwait(false);
        return ToolParts.Success(writer =>
        {
            writer.WriteString("path", resolved);
            writer.WriteString("newText", newText);
            writer.WriteString("oldText", oldText);
        });
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}

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
        var resolvedSource = Guard.Resolve(source);
        var resolvedDestination = Guard.Resolve(destination);

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
        var resolved = Guard.Resolve(path);
        if (Directory.Exists(resolved))
        {
            throw new ToolException($"Path {path} is a directory. Use delete directory tool instead.");
        }

        var file = new FileInfo(resolved);
        if (!file.Exists)
        {
            throw new ToolException($"File {path} does not exist.");
        }

        FileChecks.RequireWritable(file, path);
        file.Delete();
        return Task.FromResult(ToolParts.Success(writer => writer.WriteString("path", resolved)));
    }
}

/// <summary><c>getFileInfo</c>: metadata of a file or folder.</summary>
internal sealed class GetFileInfoTool(BaseSkillContext context) : BaseTool(context, "getFileInfo", Description, Schema)
{
    private const string Description = """
        File information retriever: detailed metadata about a file or directory.

        Use cases:
        - Checking whether a path exists and whether it is a file or a directory
        - Getting size and timestamps
        - Finding the MIME type before choosing a reader (readTextFile, readImageFile, readPdfFile)
        - Checking permissions

        How it works:
        - Reads the file system metadata (sizes of directories are reported as 0)
        - Detects the MIME type from the extension
        - Returns the absolute path, name, directory, extension and a human-readable size

        Parameters:
        - path: file or directory path to inspect
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File or directory path to inspect." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var resolved = Guard.Resolve(path);
        bool isDirectory = Directory.Exists(resolved);
        FileSystemInfo info = isDirectory ? new DirectoryInfo(resolved) : new FileInfo(resolved);
        if (!info.Exists)
        {
            throw new ToolException($"File or directory {path} does not exist");
        }

        long size = info is FileInfo file ? file.Length : 0;
        return Task.FromResult(ToolParts.Success(writer =>
        {
            writer.WriteBoolean("exists", true);
            writer.WriteString("path", resolved);
            writer.WriteString("absolutePath", resolved);
            writer.WriteString("name", Path.GetFileName(resolved));
            writer.WriteString("directory", Path.GetDirectoryName(resolved) ?? resolved);
            writer.WriteNullableString("extension", isDirectory ? null : FileFacts.Extension(resolved));
            writer.WriteString("type", isDirectory ? "directory" : "file");
            writer.WriteNullableString("mimeType", isDirectory ? null : MimeTypes.Lookup(resolved) ?? MimeTypes.Fallback);
            writer.WriteNumber("size", size);
            writer.WriteString("sizeFormatted", FileFacts.FormatSize(size));
            writer.WriteString("created", FileFacts.IsoTime(info.CreationTimeUtc));
            writer.WriteString("modified", FileFacts.IsoTime(info.LastWriteTimeUtc));
            writer.WriteString("accessed", FileFacts.IsoTime(info.LastAccessTimeUtc));
            writer.WriteStartObject("permissions");
            writer.WriteBoolean("readable", true);
            writer.WriteBoolean("writable", FileFacts.IsWritable(info));
            writer.WriteBoolean("executable", FileFacts.IsExecutable(info));
            writer.WriteEndObject();
        }));
    }
}
