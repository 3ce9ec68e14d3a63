using System.Globalization;
using System.Text.Json;

namespace Perstack.App.Features.Log.Filters;

/// <summary>
/// <c>--filter '.field op value'</c> over an event's JSON: a dotted path (<c>[]</c> after a name fans out over the
/// array's elements), one of <c>== != &gt; &gt;= &lt; &lt;=</c>, and a value (<c>"text"</c>, <c>'text'</c>, a number,
/// <c>true</c>, <c>false</c>, <c>null</c>, else the bare text). An array at the end of the path matches when any element
/// does; a missing field never matches, whatever the operator.
/// </summary>
/// <param name="Path">Property names, with <see cref="EachElement"/> where the path fans out.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">A <see cref="string"/>, <see cref="double"/>, <see cref="bool"/> or null.</param>
internal sealed record FilterExpression(IReadOnlyList<string> Path, FilterOperator Operator, object? Value)
{
    /// <summary>The path segment written <c>[]</c>.</summary>
    public const string EachElement = "[]";

    private const string Syntax = "expected .field op value, with op one of == != > >= < <=";

    /// <summary>Whether the event matches.</summary>
    public bool Matches(JsonElement root) => Matches(root, 0);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> is the one-line message.</summary>
    public static bool TryParse(string text, out FilterExpression? expression, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        expression = null;
        error = $"Invalid filter expression: {text} ({Syntax})";
        var s = text.Trim();
        int i = 0;
        var path = new List<string>();
        do
        {
            if (i >= s.Length || s[i] != '.')
            {
                return false;
            }

            int start = ++i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }

            if (i == start || char.IsAsciiDigit(s[start]))
            {
                return false;
            }

            path.Add(s[start..i]);
            while (s.AsSpan(i).StartsWith(EachElement, StringComparison.Ordinal))
            {
                path.Add(EachElement);
                i += EachElement.Length;
            }
        }
        while (i < s.Length && s[i] == '.');

        var rest = s.AsSpan(i).TrimStart();
        FilterOperator? op = rest switch
        {
            _ when rest.StartsWith("==") => FilterOperator.Equal,
            _ when rest.StartsWith("!=") => FilterOperator.NotEqual,
            _ when rest.StartsWith(">=") => FilterOperator.GreaterOrEqual,
            _ when rest.StartsWith("<=") => FilterOperator.LessOrEqual,
            _ when rest.StartsWith(">") => FilterOperator.Greater,
            _ when rest.StartsWith("<") => FilterOperator.Less,
            _ => null,
        };
        if (op is not { } found)
        {
            return false;
        }

        var afterOperator = rest[(found is FilterOperator.Greater or FilterOperator.Less ? 1 : 2)..];
        if (afterOperator.StartsWith("="))
        {
            return false; // === and the like: a typo, not a value starting with '='
        }

        var raw = afterOperator.Trim().ToString();
        if (raw.Length == 0)
        {
            error = $"Invalid filter expression: {text} (the value is missing)";
            return false;
        }

        expression = new FilterExpression(path, found, ParseValue(raw));
        error = "";
        return true;
    }

    private static object? ParseValue(string raw)
    {
        if (raw.Length >= 2 && ((raw[0] == '"' && raw[^1] == '"') || (raw[0] == '\'' && raw[^1] == '\'')))
        {
            return raw[1..^1];
        }

        return raw switch
        {
            "true" => true,
            "false" => false,
            "null" => null,
            _ when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => raw,
        };
    }

    private bool Matches(JsonElement current, int index)
    {
        if (index == Path.Count)
        {
            return current.ValueKind == JsonValueKind.Array
                ? current.EnumerateArray().Any(Compare)
                : Compare(current);
        }

        if (Path[index] == EachElement)
        {
            return current.ValueKind == JsonValueKind.Array && current.EnumerateArray().Any(item => Matches(item, index + 1));
        }

        return current.ValueKind == JsonValueKind.Object
            && current.TryGetProperty(Path[index], out var child)
            && Matches(child, index + 1);
    }

    private bool Compare(JsonElement actual)
    {
        switch (Operator)
        {
            case FilterOperator.Equal:
                return SameValue(actual);
            case FilterOperator.NotEqual:
                return !SameValue(actual);
            default:
                if (actual.ValueKind != JsonValueKind.Number || Value is not double expected)
                {
                    return false;
                }

                double number = actual.GetDouble();
                return Operator switch
                {
                    FilterOperator.Greater => number > expected,
                    FilterOperator.GreaterOrEqual => number >= expected,
                    FilterOperator.Less => number < expected,
                    _ => number <= expected,
                };
        }
    }

    private bool SameValue(JsonElement actual) => Value switch
    {
        null => actual.ValueKind == JsonValueKind.Null,
        string text => actual.ValueKind == JsonValueKind.String && actual.ValueEquals(text),
        double number => actual.ValueKind == JsonValueKind.Number && actual.GetDouble() == number,
        bool flag => actual.ValueKind == (flag ? JsonValueKind.True : JsonValueKind.False),
        _ => false,
    };
}
