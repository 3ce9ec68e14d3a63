using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain;

/// <summary>
/// The id of a run: 1 to 128 characters of <c>[A-Za-z0-9_-]</c>, starting with a letter or digit.
/// Immutable; a value of this type is always safe to use as a file or folder name.
/// </summary>
[JsonConverter(typeof(RunId.JsonConverter))]
public readonly record struct RunId : IComparable<RunId>
{
    private readonly string? _value;

    /// <summary>Creates an id, validating it.</summary>
    /// <exception cref="InvalidIdException">The text is not a valid id.</exception>
    public RunId(string value)
    {
        if (IdFormat.Check(value) is { } reason)
        {
            throw new InvalidIdException("run", value, reason);
        }

        _value = value;
    }

    /// <summary>The id's text.</summary>
    public string Value => _value ?? throw new InvalidOperationException("Uninitialized RunId.");

    /// <summary>A new random id in cuid2's shape.</summary>
    public static RunId New() => new(IdGenerator.Next());

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RunId id)
    {
        if (IdFormat.Check(text) is null)
        {
            id = new RunId(text!);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="InvalidIdException">The text is not a valid id.</exception>
    public static RunId Parse(string? text) => new(text ?? "");

    /// <inheritdoc />
    public int CompareTo(RunId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <(RunId left, RunId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <=(RunId left, RunId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >(RunId left, RunId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >=(RunId left, RunId right) => left.CompareTo(right) >= 0;

    /// <summary>Reads and writes <see cref="RunId"/> as a JSON string, rejecting invalid ids as malformed data.</summary>
    public sealed class JsonConverter : JsonConverter<RunId>
    {
        /// <inheritdoc />
        public override RunId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return RunId.TryParse(text, out var id)
                ? id
                : throw new JsonException($"invalid run id \"{IdFormat.Printable(text)}\"");
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, RunId value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
