using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary>
/// <c>readPdfFile</c>: a PDF (checked by its <c>%PDF-</c> header) of at most 30 MB. Returns the reference's
/// <c>{path,mimeType,size}</c> text part followed by the document itself as a <see cref="FileInlinePart"/>.
/// </summary>
internal sealed class ReadPdfFileTool(BaseSkillContext context) : BaseTool(context, "readPdfFile", Description, Schema)
{
    /// <summary>Largest PDF accepted.</summary>
    public const long MaxSize = 30 * 1024 * 1024;

    /// <summary>The PDF MIME type.</summary>
    public const string PdfMimeType = "application/pdf";

    // PDF readers accept the header anywhere in the first 1024 bytes.
    private const int HeaderWindow = 1024;

    private const string Description = """
        PDF file reader: gives you the whole document so you can read it.

        Use cases:
        - Reading the content of PDF documents for analysis or summaries
        - Extracting facts, tables or figures from reports and papers
        - Checking generated PDF files

        How it works:
        - Checks that the file exists and really is a PDF (by its "%PDF-" header)
        - Returns the path, MIME type and size, and the document itself
        - Files that are not PDFs are rejected with a clear error

        Notes:
        - The whole document is returned; there is no page range
        - Maximum file size: 30MB (larger files are rejected)
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "PDF file path." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """;

    public override async Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var resolved = Guard.ResolveFile(path);
        var file = FileChecks.RequireFile(resolved, path);

        if (!await HasPdfHeaderAsync(resolved, path, cancellationToken).ConfigureAwait(false))
        {
            throw new ToolException($"File {path} is not a PDF file.");
        }

        if (file.Length > MaxSize)
        {
            throw new ToolException($"PDF file too large ({FileFacts.Megabytes(file.Length)}MB). Maximum supported size is 30MB. Please use a smaller PDF file.");
        }

        var data = await FileChecks.ReadAllBytesAsync(resolved, path, cancellationToken).ConfigureAwait(false);
        return
        [
            InlineFile.Describe(resolved, PdfMimeType, data.LongLength),
            new FileInlinePart { Id = IdGenerator.Next(), EncodedData = Convert.ToBase64String(data), MimeType = PdfMimeType },
        ];
    }

    private static async Task<bool> HasPdfHeaderAsync(string resolved, string given, CancellationToken cancellationToken)
    {
        var stream = CheckedFileOpen.OpenRead(resolved, given);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[HeaderWindow];
            int length = await stream.ReadAtLeastAsync(buffer, HeaderWindow, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return buffer.AsSpan(0, length).IndexOf("%PDF-"u8) >= 0;
        }
    }
}
