using System.Collections;

namespace Perstack.App.Security;

/// <summary>
/// The process environment as it was when perstack started, before <see cref="ProcessHardening"/> removed the
/// provider keys from it: runs read their keys here (they go to the provider client, never to a child process).
/// Where nothing was captured (the app's code run inside the tests), the live environment.
/// </summary>
internal sealed class StartupEnvironment
{
    private static StartupEnvironment? s_current;
    private readonly Dictionary<string, string> _values;

    private StartupEnvironment(Dictionary<string, string> values) => _values = values;

    /// <summary>The environment captured at start, or null when none was (the live one applies).</summary>
    public static StartupEnvironment? Current => Volatile.Read(ref s_current);

    /// <summary>Every variable (a copy), as <see cref="Environment.GetEnvironmentVariables()"/> would give it.</summary>
    public static IDictionary Variables() => Current is { } captured ? new Hashtable(captured._values) : Environment.GetEnvironmentVariables();

    /// <summary>One variable as captured, or null.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="name"/> was set.</summary>
    public bool HasVariable(string name) => _values.ContainsKey(name);

    /// <summary>Copies the live environment and makes it <see cref="Current"/>.</summary>
    public static StartupEnvironment Capture()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                values[name] = value;
            }
        }

        var captured = new StartupEnvironment(values);
        Volatile.Write(ref s_current, captured);
        return captured;
    }
}
