using Perstack.Core.Providers;
using Tomlyn.Model;

namespace Perstack.Core.Config;

/// <summary>
/// perstack.toml's <c>[provider]</c> table: <c>providerName</c> (required there, one of the known providers) and
/// <c>[provider.setting]</c>, of which only the keys of that provider are read (the reference's schema strips the others).
/// </summary>
internal static class ProviderSectionReader
{
    /// <summary>The provider's name and its settings; without a <c>[provider]</c> table, neither.</summary>
    public static (string? Name, ProviderSettings Setting) Read(TomlTable root, TomlValueReader reader)
    {
        var provider = reader.Table(root, "provider", "");
        if (provider is null)
        {
            return (null, new ProviderSettings());
        }

        const string path = "provider";
        if (!provider.ContainsKey("providerName"))
        {
            reader.Add("provider.providerName", "Required");
        }

        var name = reader.String(provider, "providerName", path);
        if (name is not null && !ProviderName.TryParse(name, out _))
        {
            reader.Add("provider.providerName", ProviderName.InvalidOptionMessage);
            name = null;
        }

        var setting = reader.Table(provider, "setting", path);
        if (name is null || setting is null)
        {
            return (name, new ProviderSettings());
        }

        // Only the keys of this provider are read; the others are ignored (the reference's schema strips them).
        var valid = ProviderName.Parse(name).SettingKeys;
        const string settingPath = "provider.setting";
        string? Text(string key) => valid.Contains(key) ? reader.String(setting, key, settingPath) : null;

        var baseUrl = Text("baseUrl");
        if (baseUrl is not null && !ConfigChecks.IsHttpUrl(baseUrl))
        {
            reader.Add("provider.setting.baseUrl", "Invalid URL");
        }

        return (name, new ProviderSettings
        {
            BaseUrl = baseUrl,
            Headers = valid.Contains("headers") ? ReadHeaders(setting, reader) : null,
            Organization = Text("organization"),
            Project = Text("project"),
            Name = Text("name"),
            ResourceName = Text("resourceName"),
            ApiVersion = Text("apiVersion"),
            UseDeploymentBasedUrls = valid.Contains("useDeploymentBasedUrls")
                ? reader.Boolean(setting, "useDeploymentBasedUrls", settingPath)
                : null,
            Region = Text("region"),
            Location = Text("location"),
            SafetySettings = valid.Contains("safetySettings") ? SafetySettingsReader.Read(setting, reader) : null,
        });
    }

    private static Dictionary<string, string>? ReadHeaders(TomlTable setting, TomlValueReader reader)
    {
        const string path = "provider.setting.headers";
        var table = reader.Table(setting, "headers", "provider.setting");
        if (table is null)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in table)
        {
            if (value is string text)
            {
                headers[key] = text;
            }
            else
            {
                reader.TypeMismatch(TomlValueReader.Join(path, key), "string", value);
            }
        }

        return headers;
    }
}
