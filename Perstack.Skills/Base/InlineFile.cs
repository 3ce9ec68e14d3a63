using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary>The text part that precedes inline image and PDF data.</summary>
internal static class InlineFile
{
    public static TextPart Describe(string path, string mimeType, long size) =>
        ToolParts.Text(ToolParts.JsonObject(writer =>
        {
            writer.WriteString("path", path);
            writer.WriteString("mimeType", mimeType);
            writer.WriteNumber("size", size);
        }));
}
