using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Perstack.Core.Domain.Experts;

/// <summary>
/// An expert's key as <c>perstack.toml</c> names it: optional <c>@scope/</c>, a name <c>[a-z0-9][a-z0-9_.-]*</c>,
/// optionally <c>@semver</c> or <c>@tag</c> (runtime spec §6). Examples: <c>my-expert</c>, <c>@org/x@1.2.3</c>,
/// <c>@org/x@latest</c>. Immutable and validated at construction. Records read from a stored history
/// (<see cref="Expert.Key"/>, run settings, events) keep strings: a TypeScript-written history may hold a key this
/// grammar rejects, and reading it must not fail.
/// </summary>
[JsonConverter(typeof(ExpertKey.JsonConverter))]
public readonly partial record struct ExpertKey
{
    /// <summary>A semantic version (semver.org 2.0.0); a key may end in <c>@</c> and one.</summary>
    internal const string SemVerPattern =
        @"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)" +
        @"(?:-(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?" +
        @"(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?";

    private readonly string? _value;

    /// <summary>Creates a key, validating it.</summary>
    /// <exception cref="PerstackException">The text is not a valid expert key.</exception>
    public ExpertKey(string value)
    {
        if (!IsValid(value))
        {
            throw new PerstackException(InvalidMessage(value));
        }

        _value = value;
    }

    /// <summary>The key's text.</summary>
    public string Value => _value ?? throw new InvalidOperationException("Uninitialized ExpertKey.");

    /// <summary>Whether <paramref name="text"/> is a valid expert key.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) => text is not null && KeyRegex().IsMatch(text);

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ExpertKey key)
    {
        if (IsValid(text))
        {
            key = new ExpertKey(text);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="PerstackException">The text is not a valid expert key.</exception>
    public static ExpertKey Parse(string? text) => new(text ?? "");

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>The one-line error for an invalid key (the configuration parser's words).</summary>
    internal static string InvalidMessage(string? text) =>
        $"Invalid expert key \"{IdFormat.Printable(text)}\": expected [@scope/]name[@version|@tag] in lowercase letters, digits, \"-\", \"_\" and \".\"";

    [GeneratedRegex(@"\A(?:@[a-z0-9][a-z0-9_.-]*/)?[a-z0-9][a-z0-9_.-]*(?:@(?:" + SemVerPattern + @"|[a-z0-9][a-z0-9_.-]*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();

    /// <summary>Reads and writes <see cref="ExpertKey"/> as a JSON string, rejecting an invalid key as malformed data.</summary>
    public sealed class JsonConverter : JsonConverter<ExpertKey>
    {
        /// <inheritdoc />
        public override ExpertKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return ExpertKey.TryParse(text, out var key)
                ? key
                : throw new JsonException($"invalid expert key \"{IdFormat.Printable(text)}\"");
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, ExpertKey value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
