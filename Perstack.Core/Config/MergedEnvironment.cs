using System.Diagnostics.CodeAnalysis;

namespace Perstack.Core.Config;

/// <summary>
/// The environment a run sees: the process environment merged with the dotenv files (see
/// <see cref="EnvironmentBuilder"/>). The values are secrets: <see cref="ToString"/> never shows them, and only
/// <see cref="Names"/> may be recorded (run-setting <c>envNames</c>).
/// </summary>
public sealed class MergedEnvironment
{
    private readonly Dictionary<string, string> _values;

    internal MergedEnvironment(Dictionary<string, string> values)
    {
        _values = values;
        Names = [.. values.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every variable name, sorted (ordinal).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of variables.</summary>
    public int Count => _values.Count;

    /// <summary>The value of <paramref name="name"/>, or null. Usable as a <c>Func&lt;string, string?&gt;</c>.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>Looks up <paramref name="name"/>.</summary>
    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value) => _values.TryGetValue(name, out value);

    /// <summary>Whether <paramref name="name"/> is set (possibly to an empty value from a file).</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>A description without any value.</summary>
    public override string ToString() => $"{_values.Count} environment variables";
}
