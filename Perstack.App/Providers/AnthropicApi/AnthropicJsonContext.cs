using System.Text.Json.Serialization;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>Source-generated JSON for the Messages API (no reflection, so it works in the Native AOT binary).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessagesRequest))]
[JsonSerializable(typeof(MessagesResponse))]
[JsonSerializable(typeof(StreamEvent))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
