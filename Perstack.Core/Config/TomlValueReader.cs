using System.Globalization;
using Tomlyn;
using Tomlyn.Model;

namespace Perstack.Core.Config;

/// <summary>
/// Typed reads from Tomlyn's untyped model that record a <see cref="ConfigProblem"/> instead of throwing,
/// so that every problem of a file is reported at once.
/// </summary>
internal sealed class TomlValueReader
{
    private readonly List<ConfigProblem> _problems = [];

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public void Add(string path, string message) => _problems.Add(new ConfigProblem(path, message));

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string TypeName(object? value) => value switch
    {
        null => "nothing",
        string => "string",
        long or int => "integer",
        double or float => "float",
        bool => "boolean",
        TomlDateTime => "datetime",
        TomlTable => "table",
        TomlArray => "array",
        TomlTableArray => "array of tables",
        _ => value.GetType().Name,
    };

    /// <summary>Reports every key of <paramref name="table"/> not in <paramref name="allowed"/>.</summary>
    public void RejectUnknownKeys(TomlTable table, string path, IReadOnlySet<string> allowed)
    {
        foreach (var key in table.Keys)
        {
            if (!allowed.Contains(key))
            {
                Add(path, $"Unrecognized key \"{key}\"");
            }
        }
    }

    public string? String(TomlTable table, string key, string path)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value is string text)
        {
            return text;
        }

        TypeMismatch(Join(path, key), "string", value);
        return null;
    }

    public bool? Boolean(TomlTable table, string key, string path)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value is bool flag)
        {
            return flag;
        }

        TypeMismatch(Join(path, key), "boolean", value);
        return null;
    }

    /// <summary>A number (integer or float) in [min, max].</summary>
    public double? Number(TomlTable table, string key, string path, double min, double max, string rangeMessage)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        double? number = value switch
        {
            long integer => integer,
            double real => real,
            _ => null,
        };
        if (number is not double n)
        {
            TypeMismatch(Join(path, key), "number", value);
            return null;
        }

        if (double.IsNaN(n) || n < min || n > max)
        {
            Add(Join(path, key), rangeMessage);
            return null;
        }

        return n;
    }

    /// <summary>An integer ≥ <paramref name="min"/>; a float with no fraction (e.g. <c>3.0</c>) is accepted.</summary>
    public long? Integer(TomlTable table, string key, string path, long min, string rangeMessage)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        long? integer;
        switch (value)
        {
            case long l:
                integer = l;
                break;
            case double d:
                // 2^63 is exactly representable; anything at or past it does not fit a long.
                integer = double.IsFinite(d) && Math.Floor(d) == d && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18
                    ? (long)d
                    : null;
                break;
            default:
                TypeMismatch(Join(path, key), "integer", value);
                return null;
        }

        if (integer is not long result || result < min)
        {
            Add(Join(path, key), rangeMessage);
            return null;
        }

        return result;
    }

    public TomlTable? Table(TomlTable table, string key, string path)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value is TomlTable child)
        {
            return child;
        }

        TypeMismatch(Join(path, key), "table", value);
        return null;
    }

    /// <summary>An array of strings; wrong elements are reported by index and left out.</summary>
    public List<string>? StringArray(TomlTable table, string key, string path)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        var arrayPath = Join(path, key);
        if (value is not TomlArray array)
        {
            TypeMismatch(arrayPath, "array", value);
            return null;
        }

        var result = new List<string>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is string text)
            {
                result.Add(text);
            }
            else
            {
                TypeMismatch(Join(arrayPath, i.ToString(CultureInfo.InvariantCulture)), "string", array[i]);
            }
        }

        return result;
    }

    public void TypeMismatch(string path, string expected, object? actual) =>
        Add(path, $"Expected {expected}, got {TypeName(actual)}");
}
