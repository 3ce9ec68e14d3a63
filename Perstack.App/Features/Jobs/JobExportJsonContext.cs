using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Perstack.App.Features.Jobs;

/// <summary>
/// Source-generated JSON for job exports: the stored contract's rules (camelCase, <c>type</c> discriminators
/// anywhere, optional fields omitted, required fields and nullability enforced on read), 2-space indented.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    WriteIndented = true)]
[JsonSerializable(typeof(JobExportDocument))]
internal sealed partial class JobExportJsonContext : JsonSerializerContext
{
    private static JsonTypeInfo<JobExportDocument>? s_document;

    /// <summary>The document's type info, writing non-ASCII text as is and <c>\n</c> line breaks, as the stores do.</summary>
    public static JsonTypeInfo<JobExportDocument> Document => s_document ??= Create();

    private static JsonTypeInfo<JobExportDocument> Create()
    {
        var options = new JsonSerializerOptions(Default.Options)
        {
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return (JsonTypeInfo<JobExportDocument>)options.GetTypeInfo(typeof(JobExportDocument));
    }
}
