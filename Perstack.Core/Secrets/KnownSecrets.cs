using Perstack.Core.Config;
using Perstack.Core.Domain.Experts;

namespace Perstack.Core.Secrets;

/// <summary>
/// The secrets a run knows of: the provider keys (<see cref="ProviderKeys"/>) wherever they were set, the values of
/// every variable an MCP skill names in <c>requiredEnv</c>, and every value of the .env files read. Values shorter
/// than <see cref="SecretRedactor.MinimumLength"/> are left out by the redactor.
/// </summary>
public static class KnownSecrets
{
    /// <summary>Collects them.</summary>
    /// <param name="environment">The run's merged environment (process environment + .env files).</param>
    /// <param name="envFiles">The .env files read (their values count even where the process environment won).</param>
    /// <param name="experts">The configured experts (their skills' <c>requiredEnv</c>).</param>
    public static SecretRedactor Redactor(MergedEnvironment environment, IEnumerable<EnvFile> envFiles, IEnumerable<Expert> experts)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(envFiles);
        ArgumentNullException.ThrowIfNull(experts);
        var secrets = new List<KnownSecret>();
        var named = ProviderKeys.VariableNames
            .Concat(experts.SelectMany(e => e.Skills.Values).OfType<McpStdioSkill>().SelectMany(s => s.RequiredEnv))
            .Distinct(StringComparer.Ordinal);
        foreach (var name in named)
        {
            if (environment.Get(name) is { } value)
            {
                secrets.Add(new KnownSecret(name, value));
            }
        }

        foreach (var file in envFiles)
        {
            secrets.AddRange(EnvFileParser.Parse(file.Text).Select(v => new KnownSecret(v.Key, v.Value)));
        }

        return new SecretRedactor(secrets);
    }
}
