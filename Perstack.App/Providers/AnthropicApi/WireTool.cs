using System.Text.Json;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>A tool the model may call.</summary>
internal sealed record WireTool(string Name, string? Description, JsonElement InputSchema);
