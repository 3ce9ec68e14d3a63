using System.Text.Json.Serialization;

namespace Perstack.App.Features.Jobs;

/// <summary>Source-generated JSON for documents only the jobs commands print.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(JobDetailsDocument))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
