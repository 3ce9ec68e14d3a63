using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain;

/// <summary>
/// The id of a job: 1 to 128 characters of <c>[A-Za-z0-9_-]</c>, starting with a letter or digit.
/// Immutable; a value of this type is always safe to use as a file or folder name.
/// </summary>
[JsonConverter(typeof(JobId.JsonConverter))]
public readonly record struct JobId : IComparable<JobId>
{
    private readonly string? _value;

    /// <summary>Creates an id, validating it.</summary>
    /// <exception cref="InvalidIdException">The text is not a valid id.</exception>
    public JobId(string value)
    {
        if (IdFormat.Check(value) is { } reason)
        {
            throw new InvalidIdException("job", value, reason);
        }

        _value = value;
    }

    /// <summary>The id's text.</summary>
    public string Value => _value ?? throw new InvalidOperationException("Uninitialized JobId.");

    /// <summary>A new random id in cuid2's shape.</summary>
    public static JobId New() => new(IdGenerator.Next());

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out JobId id)
    {
        if (IdFormat.Check(text) is null)
        {
            id = new JobId(text!);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="InvalidIdException">The text is not a valid id.</exception>
    public static JobId Parse(string? text) => new(text ?? "");

    /// <inheritdoc />
    public int CompareTo(JobId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <(JobId left, JobId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <=(JobId left, JobId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >(JobId left, JobId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >=(JobId left, JobId right) => left.CompareTo(right) >= 0;

    /// <summary>Reads and writes <see cref="JobId"/> as a JSON string, rejecting invalid ids as malformed data.</summary>
    public sealed class JsonConverter : JsonConverter<JobId>
    {
        /// <inheritdoc />
        public override JobId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return JobId.TryParse(text, out var id)
                ? id
                : throw new JsonException($"invalid job id \"{IdFormat.Printable(text)}\"");
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, JobId value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
