using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain;

/// <summary>
/// The id of a checkpoint: 1 to 128 characters of <c>[A-Za-z0-9_-]</c>, starting with a letter or digit.
/// Immutable; a value of this type is always safe to use as a file or folder name.
/// </summary>
[JsonConverter(typeof(CheckpointId.JsonConverter))]
public readonly record struct CheckpointId : IComparable<CheckpointId>
{
    private readonly string? _value;

    /// <summary>Creates an id, validating it.</summary>
    /// <exception cref="InvalidIdException">The text is not a valid id.</exception>
    public CheckpointId(string value)
    {
        if (IdFormat.Check(value) is { } reason)
        {
            throw new InvalidIdException("checkpoint", value, reason);
        }

        _value = value;
    }

    /// <summary>The id's text.</summary>
    public string Value => _value ?? throw new InvalidOperationException("Uninitialized CheckpointId.");

    /// <summary>A new random id in cuid2's shape.</summary>
    public static CheckpointId New() => new(IdGenerator.Next());

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CheckpointId id)
    {
        if (IdFormat.Check(text) is null)
        {
            id = new CheckpointId(text!);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="InvalidIdException">The text is not a valid id.</exception>
    public static CheckpointId Parse(string? text) => new(text ?? "");

    /// <inheritdoc />
    public int CompareTo(CheckpointId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <(CheckpointId left, CheckpointId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <=(CheckpointId left, CheckpointId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >(CheckpointId left, CheckpointId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >=(CheckpointId left, CheckpointId right) => left.CompareTo(right) >= 0;

    /// <summary>Reads and writes <see cref="CheckpointId"/> as a JSON string, rejecting invalid ids as malformed data.</summary>
    public sealed class JsonConverter : JsonConverter<CheckpointId>
    {
        /// <inheritdoc />
        public override CheckpointId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return CheckpointId.TryParse(text, out var id)
                ? id
                : throw new JsonException($"invalid checkpoint id \"{IdFormat.Printable(text)}\"");
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, CheckpointId value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
