using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain.Runs;

/// <summary>
/// How much the model may reason before it answers, as today's TypeScript Perstack takes it: a level
/// (<c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>) or a number of tokens (≥ 0; 0 is none).
/// Levels stand for 1,024 / 2,048 / 5,000 / 10,000 tokens (the reference's table). JSON: the level as a string, a
/// number as a number.
/// </summary>
[JsonConverter(typeof(ReasoningBudget.JsonConverter))]
public readonly record struct ReasoningBudget
{
    private static readonly string[] Levels = ["none", "minimal", "low", "medium", "high"];

    private ReasoningBudget(string? level, long tokens)
    {
        Level = level;
        Tokens = tokens;
    }

    /// <summary>No reasoning.</summary>
    public static ReasoningBudget None { get; } = new("none", 0);

    /// <summary>The reference's default: <c>low</c> (2,048 tokens).</summary>
    public static ReasoningBudget Default { get; } = new("low", 2_048);

    /// <summary>The level name, or null for a number of tokens.</summary>
    public string? Level { get; }

    /// <summary>The budget in tokens (0 for none).</summary>
    public long Tokens { get; }

    /// <summary>Whether any reasoning is asked for.</summary>
    public bool IsEnabled => Tokens > 0;

    /// <summary>
    /// The effort level for providers that take one (OpenAI's <c>reasoning_effort</c>): minimal and low are low;
    /// a number up to 2,048 is low, up to 5,000 medium, above that high (the reference's mapping).
    /// </summary>
    public string Effort => Tokens switch
    {
        <= 0 => "none",
        <= 2_048 => "low",
        <= 5_000 => "medium",
        _ => "high",
    };

    /// <summary>Parses a level name or a whole number of tokens ≥ 0; null when it is neither.</summary>
    public static ReasoningBudget? TryParse(string? text)
    {
        var value = text?.Trim() ?? "";
        if (Array.IndexOf(Levels, value) is var index and >= 0)
        {
            return new ReasoningBudget(value, index switch { 0 => 0, 1 => 1_024, 2 => 2_048, 3 => 5_000, _ => 10_000 });
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) ? FromTokens(tokens) : null;
    }

    /// <summary>A number of tokens (≥ 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokens"/> is negative.</exception>
    public static ReasoningBudget FromTokens(long tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        return new ReasoningBudget(null, tokens);
    }

    /// <summary>The level name, or the number of tokens.</summary>
    public override string ToString() => Level ?? Tokens.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads and writes a <see cref="ReasoningBudget"/> as the reference does: a level string or a token number.</summary>
    public sealed class JsonConverter : JsonConverter<ReasoningBudget>
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
}
