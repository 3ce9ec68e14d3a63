using Perstack.Core.Secrets;

namespace Perstack.App.Logging;

/// <summary>
/// The secrets every log line is cleaned of: each run adds its own (provider keys, <c>requiredEnv</c> and .env values)
/// before anything of the run is logged, so a line quoting a tool result, a server's stderr or an error never
/// carries one to disk.
/// </summary>
internal sealed class LogRedaction
{
    private volatile SecretRedactor[] _redactors = [];
    private readonly Lock _gate = new();

    /// <summary>Adds a run's secrets.</summary>
    public void Add(SecretRedactor secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            _redactors = [.. _redactors, secrets];
        }
    }

    /// <summary>The text with every known secret replaced.</summary>
    public string Redact(string text)
    {
        foreach (var redactor in _redactors)
        {
            text = redactor.Redact(text);
        }

        return text;
    }
}
