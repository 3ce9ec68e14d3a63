using System.Text.Json;

namespace Perstack.Skills.Base;

/// <summary>
/// Typed, checked access to a tool call's JSON arguments. A missing required value or a value of the wrong type is a
/// <see cref="ToolException"/> naming the tool and the parameter, so the model can correct its call.
/// </summary>
internal sealed class ToolArguments
{
    private readonly string _toolName;
    private readonly JsonElement _arguments;

    private ToolArguments(string toolName, JsonElement arguments)
    {
        _toolName = toolName;
        _arguments = arguments;
    }

    /// <summary>Wraps the arguments of a call; absent or <c>null</c> arguments count as <c>{}</c>.</summary>
    public static ToolArguments From(string toolName, JsonElement arguments)
    {
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new ToolArguments(toolName, default);
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new ToolException($"Invalid arguments for tool {toolName}: expected a JSON object, got {Describe(arguments.ValueKind)}");
        }

        return new ToolArguments(toolName, arguments);
    }

    public string RequiredString(string name) => OptionalString(name) ?? throw Missing(name, "a string");

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(name, "a string", value);
    }

    public bool RequiredBool(string name) => OptionalBool(name) ?? throw Missing(name, "a boolean");

    public bool? OptionalBool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "a boolean", value),
        };
    }

    /// <summary>A number, truncated toward zero as JavaScript's integer conversions do.</summary>
    public long? OptionalInteger(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return ToInteger(name, value);
    }

    public IReadOnlyList<string> RequiredStringArray(string name) => OptionalStringArray(name) ?? throw Missing(name, "an array of strings");

    public IReadOnlyList<string>? OptionalStringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "an array of strings", value);
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType(name, "an array of strings", value));
        }

        return items;
    }

    public IReadOnlyList<long>? OptionalIntegerArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "an array of numbers", value);
        }

        var items = new List<long>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.Number ? ToInteger(name, item) : throw WrongType(name, "an array of numbers", value));
        }

        return items;
    }

    public IReadOnlyList<KeyValuePair<string, string>> RequiredStringMap(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(name, "an object of string values");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, "an object of string values", value);
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new ToolException($"Invalid arguments for tool {_toolName}: \"{name}.{property.Name}\" must be a string, got {Describe(property.Value.ValueKind)}");
            }

            pairs.Add(new KeyValuePair<string, string>(property.Name, property.Value.GetString()!));
        }

        return pairs;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        if (_arguments.ValueKind == JsonValueKind.Object && _arguments.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    private long ToInteger(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(name, "a number", value);
        }

        if (value.TryGetInt64(out long integer))
        {
            return integer;
        }

        double number = value.GetDouble();
        return double.IsFinite(number) ? (long)Math.Clamp(Math.Truncate(number), long.MinValue, long.MaxValue) : throw WrongType(name, "a finite number", value);
    }

    private ToolException Missing(string name, string expected) =>
        new($"Invalid arguments for tool {_toolName}: \"{name}\" is required ({expected})");

    private ToolException WrongType(string name, string expected, JsonElement value) =>
        new($"Invalid arguments for tool {_toolName}: \"{name}\" must be {expected}, got {Describe(value.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
