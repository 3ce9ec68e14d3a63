using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary>
/// <c>readImageFile</c>: a PNG, JPEG, GIF or WebP image of at most 15 MB. Returns the reference's
/// <c>{path,mimeType,size}</c> text part followed by the image itself as an <see cref="ImageInlinePart"/>, so the runtime
/// needs no post-processing.
/// </summary>
internal sealed class ReadImageFileTool(BaseSkillContext context) : BaseTool(context, "readImageFile", Description, Schema)
{
    /// <summary>Largest image accepted.</summary>
    public const long MaxSize = 15 * 1024 * 1024;

    private static readonly HashSet<string> Supported = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    private const string Description = """
        Image file reader: shows you the image so you can look at it.

        Use cases:
        - Looking at screenshots, diagrams, charts or photos in the workspace
        - Checking generated images
        - Reading text or data that is only available as an image

        How it works:
        - Checks that the file exists and has a supported image type (by its extension)
        - Returns the path, MIME type and size, and the image itself
        - Unsupported formats are rejected with a clear error

        Supported formats:
        - PNG (image/png)
        - JPEG/JPG (image/jpeg)
        - GIF (image/gif) - static only, animations are not supported
        - WebP (image/webp)

        Notes:
        - Maximum file size: 15MB (larger files are rejected)
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Image file path." }
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

        var mimeType = MimeTypes.Lookup(resolved);
        if (mimeType is null || !Supported.Contains(mimeType))
        {
            throw new ToolException($"File {path} is not supported.");
        }

        if (file.Length > MaxSize)
        {
            throw new ToolException($"Image file too large ({FileFacts.Megabytes(file.Length)}MB). Maximum supported size is 15MB. Please use a smaller image file.");
        }

        var data = await FileChecks.ReadAllBytesAsync(resolved, path, cancellationToken).ConfigureAwait(false);
        return
        [
            InlineFile.Describe(resolved, mimeType, data.LongLength),
            new ImageInlinePart { Id = IdGenerator.Next(), EncodedData = Convert.ToBase64String(data), MimeType = mimeType },
        ];
    }
}
