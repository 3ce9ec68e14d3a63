using System.Text.Json.Serialization;

namespace Perstack.App.Providers.BedrockApi;

/// <summary>Source-generated JSON for the Converse API (no reflection, so it works in the Native AOT binary).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConverseRequest))]
[JsonSerializable(typeof(ConverseResponse))]
[JsonSerializable(typeof(ConverseStreamEvent))]
internal sealed partial class ConverseJsonContext : JsonSerializerContext;
