using System.Text.Json;
using System.Text.Json.Serialization;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Json;

/// <summary>Reads and writes a <see cref="ReasoningBudget"/> as the reference does: a level string or a token number.</summary>
public sealed class ReasoningBudgetJsonConverter : JsonConverter<ReasoningBudget>
{
    /// <inheritdoc />
    public override ReasoningBudget Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ReasoningBudget? budget = reader.TokenType switch
        {
            JsonTokenType.String => ReasoningBudget.TryParse(reader.GetString()),
            JsonTokenType.Number when reader.TryGetInt64(out var tokens) && tokens >= 0 => ReasoningBudget.FromTokens(tokens),
            _ => null,
        };
        return budget ?? throw new JsonException("reasoningBudget must be none, minimal, low, medium, high or a whole number ≥ 0");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ReasoningBudget value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Level is { } level)
        {
            writer.WriteStringValue(level);
        }
        else
        {
            writer.WriteNumberValue(value.Tokens);
        }
    }
}
