using System.Globalization;
using Perstack.Core.Providers;
using Tomlyn.Model;

namespace Perstack.Core.Config;

/// <summary>
/// Reads <c>provider.setting.safetySettings</c>: an array of tables (<c>[[provider.setting.safetySettings]]</c> or
/// inline) with a known <c>category</c> and <c>threshold</c> each; anything else is a config problem naming the entry.
/// </summary>
internal static class SafetySettingsReader
{
    private const string Path = "provider.setting.safetySettings";

    public static List<GeminiSafetySetting>? Read(TomlTable setting, TomlValueReader reader)
    {
        if (!setting.TryGetValue("safetySettings", out var value))
        {
            return null;
        }

        IReadOnlyList<object?>? entries = value switch
        {
            TomlTableArray tables => [.. tables],
            TomlArray array => [.. array],
            _ => null,
        };
        if (entries is null)
        {
            reader.TypeMismatch(Path, "array of tables", value);
            return null;
        }

        var settings = new List<GeminiSafetySetting>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var entryPath = TomlValueReader.Join(Path, i.ToString(CultureInfo.InvariantCulture));
            if (entries[i] is not TomlTable entry)
            {
                reader.TypeMismatch(entryPath, "table", entries[i]);
                continue;
            }

            var category = Known(entry, "category", GeminiSafetySetting.Categories, entryPath, reader);
            var threshold = Known(entry, "threshold", GeminiSafetySetting.Thresholds, entryPath, reader);
            if (category is not null && threshold is not null)
            {
                settings.Add(new GeminiSafetySetting(category, threshold));
            }
        }

        return settings;
    }

    private static string? Known(TomlTable entry, string key, IReadOnlyList<string> allowed, string path, TomlValueReader reader)
    {
        if (!entry.ContainsKey(key))
        {
            reader.Add(TomlValueReader.Join(path, key), "Required");
            return null;
        }

        var text = reader.String(entry, key, path);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            reader.Add(TomlValueReader.Join(path, key), $"Must be one of {string.Join(", ", allowed)} (got \"{text}\")");
            return null;
        }

        return text;
    }
}
