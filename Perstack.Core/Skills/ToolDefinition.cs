using System.Text.Json;

namespace Perstack.Core.Skills;

/// <summary>A tool as offered to the model.</summary>
/// <param name="Name">Tool name (one flat namespace across skills).</param>
/// <param name="Description">Description for the model.</param>
/// <param name="InputSchema">JSON Schema of the arguments (an object schema).</param>
public sealed record ToolDefinition(string Name, string Description, JsonElement InputSchema);
