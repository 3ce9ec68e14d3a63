using Perstack.Core.Domain;
using Perstack.Core.Providers;

namespace Perstack.App.Providers;

/// <summary>
/// Reads a provider's settings: a <c>[provider.setting]</c> value wins over its environment variable, and empty
/// values count as unset. Every value read that may be a secret is remembered so errors can hide it.
/// </summary>
internal sealed class ProviderValues(ProviderRequest request)
{
    private readonly List<string> _secrets = [];

    /// <summary>The values to hide from error messages (API keys, header values).</summary>
    public IReadOnlyCollection<string> Secrets => _secrets;

    /// <summary>Extra HTTP headers from <c>[provider.setting].headers</c>; their values count as secrets.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get
        {
            var headers = request.Setting.Headers ?? new Dictionary<string, string>();
            foreach (var value in headers.Values)
            {
                Remember(value);
            }

            return headers;
        }
    }

    /// <summary>A required secret from the environment: throws <c>&lt;VAR&gt; is not set</c> when missing.</summary>
    public string RequiredSecret(string variable)
    {
        var value = Environment(variable) ?? throw new PerstackException($"{variable} is not set");
        Remember(value);
        return value;
    }

    /// <summary>An optional secret from the environment.</summary>
    public string? OptionalSecret(string variable)
    {
        var value = Environment(variable);
        Remember(value);
        return value;
    }

    /// <summary>A setting value, else the environment variable, else null.</summary>
    public string? Optional(string? settingValue, string variable) => Clean(settingValue) ?? Environment(variable);

    /// <summary>A setting value, else the environment variable; throws <c>&lt;VAR&gt; is not set</c> when both are missing.</summary>
    public string Required(string? settingValue, string variable) =>
        Optional(settingValue, variable) ?? throw new PerstackException($"{variable} is not set");

    /// <summary>An environment variable, or null when unset or blank.</summary>
    public string? Environment(string variable) => Clean(request.Environment(variable));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void Remember(string? value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length >= 4 && !_secrets.Contains(value))
        {
            _secrets.Add(value);
        }
    }
}
