using System.Text.Json.Serialization;

namespace Perstack.App.Output;

/// <summary>Source-generated JSON for documents only the CLI prints.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(JobDetailsDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
