using Perstack.Core.Domain.Experts;
using Perstack.Core.Providers;
using Tomlyn.Model;

namespace Perstack.Core.Config;

/// <summary>
/// Parses the text of a perstack.toml (data-model §2.13) into a validated <see cref="PerstackConfig"/>. No file I/O:
/// the caller reads the file. Every problem is collected and reported in one <see cref="PerstackConfigException"/>.
/// </summary>
public static class PerstackConfigParser
{
    /// <summary>The name of the file.</summary>
    public const string FileName = "perstack.toml";

    /// <summary>Version given to an expert that declares none.</summary>
    public const string DefaultExpertVersion = "1.0.0";

    /// <summary>Name (and package) of the base skill every expert without a <c>skills</c> table gets.</summary>
    public const string BaseSkillName = "@perstack/base";

    /// <summary>Longest expert description.</summary>
    public const int MaxDescriptionLength = 2048;

    /// <summary>Longest expert instruction.</summary>
    public const int MaxInstructionLength = 20480;


    private static readonly HashSet<string> ExpertKeys = ConfigChecks.Keys(
        "version", "minRuntimeVersion", "description", "instruction", "delegates", "tags", "skills");

    /// <summary>The skill an expert gets when its table has no <c>skills</c> key at all.</summary>
    public static McpStdioSkill DefaultBaseSkill() => new()
    {
        Name = BaseSkillName,
        Command = "npx",
        PackageName = BaseSkillName,
        LazyInit = false,
    };

    /// <summary>Parses and validates perstack.toml text.</summary>
    /// <param name="tomlText">The file's text.</param>
    /// <param name="sourcePath">Where it was read from (absolute), kept in <see cref="PerstackConfig.SourcePath"/>.</param>
    /// <exception cref="PerstackConfigException">A syntax error, or one or more validation problems.</exception>
    public static PerstackConfig Parse(string tomlText, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(tomlText);
        ArgumentNullException.ThrowIfNull(sourcePath);

        var root = TomlDocumentReader.Read(tomlText);
        var reader = new TomlValueReader();
        var config = ReadRoot(root, reader, sourcePath);
        if (reader.Problems.Count > 0)
        {
            throw new PerstackConfigException(reader.Problems);
        }

        return config;
    }

    private static PerstackConfig ReadRoot(TomlTable root, TomlValueReader reader, string sourcePath)
    {
        // Unknown top-level and [provider] keys are ignored, as in the reference: keys written after a [provider]
        // header (a common slip, e.g. envPath) land in that table and must not make the file unusable.
        var model = reader.String(root, "model", "");
        var temperature = reader.Number(root, "temperature", "", 0, 1, "Must be between 0 and 1");
        var maxSteps = reader.Integer(root, "maxSteps", "", 1, "Must be an integer ≥ 1");
        var reasoningBudget = ReadReasoningBudget(root, reader);
        var maxRetries = reader.Integer(root, "maxRetries", "", 0, "Must be an integer ≥ 0");
        var maxDelegationDepth = reader.Integer(root, "maxDelegationDepth", "", 1, "Must be an integer ≥ 1");
        var timeout = reader.Integer(root, "timeout", "", 0, "Must be an integer ≥ 0");
        var toolTimeout = reader.Integer(root, "toolTimeout", "", 1, "Must be an integer ≥ 1");
        var allowEnvFiles = reader.Boolean(root, "allowEnvFiles", "");
        var envPath = reader.StringArray(root, "envPath", "");
        var apiBaseUrl = reader.String(root, "perstackApiBaseUrl", "");
        if (apiBaseUrl is not null && !ConfigChecks.IsHttpUrl(apiBaseUrl))
        {
            reader.Add("perstackApiBaseUrl", "Invalid URL");
        }

        var baseSkillCommand = reader.StringArray(root, "perstackBaseSkillCommand", "");
        var (providerName, providerSetting) = ProviderSectionReader.Read(root, reader);
        var experts = ReadExperts(root, reader);

        return new PerstackConfig
        {
            SourcePath = sourcePath,
            Model = model,
            Temperature = temperature,
            ReasoningBudget = reasoningBudget,
            MaxSteps = maxSteps,
            MaxRetries = maxRetries,
            MaxDelegationDepth = maxDelegationDepth,
            Timeout = timeout,
            ToolTimeout = toolTimeout,
            AllowEnvFiles = allowEnvFiles,
            EnvPath = envPath,
            ProviderName = providerName,
            ProviderSetting = providerSetting,
            PerstackApiBaseUrl = apiBaseUrl,
            PerstackBaseSkillCommand = baseSkillCommand,
            Experts = experts,
        };
    }

    /// <summary><c>reasoningBudget</c>: <c>"none"</c>, <c>"minimal"</c>, <c>"low"</c>, <c>"medium"</c>, <c>"high"</c> or an integer ≥ 0.</summary>
    private static Domain.Runs.ReasoningBudget? ReadReasoningBudget(TomlTable root, TomlValueReader reader)
    {
        if (!root.TryGetValue("reasoningBudget", out var value))
        {
            return null;
        }

        var budget = value switch
        {
            string text => Domain.Runs.ReasoningBudget.TryParse(text),
            long tokens and >= 0 => Domain.Runs.ReasoningBudget.FromTokens(tokens),
            _ => null,
        };
        if (budget is null)
        {
            reader.Add("reasoningBudget", "Must be none, minimal, low, medium, high or an integer ≥ 0");
        }

        return budget;
    }

    private static List<Expert> ReadExperts(TomlTable root, TomlValueReader reader)
    {
        var experts = new List<Expert>();
        var table = reader.Table(root, "experts", "");
        if (table is null)
        {
            return experts;
        }

        foreach (var (key, value) in table)
        {
            var path = "experts." + key;
            if (value is not TomlTable expertTable)
            {
                reader.TypeMismatch(path, "table", value);
                continue;
            }

            experts.Add(ReadExpert(key, expertTable, path, reader));
        }

        return experts;
    }

    private static Expert ReadExpert(string key, TomlTable table, string path, TomlValueReader reader)
    {
        if (!ExpertKeyFormat.IsValidKey(key))
        {
            reader.Add(path, $"Invalid expert key \"{key}\": expected [@scope/]name[@version|@tag] in lowercase letters, digits, \"-\", \"_\" and \".\"");
        }
        else if (!ExpertKeyFormat.IsValidName(key))
        {
            reader.Add(path, $"Invalid expert name \"{key}\": expected [@scope/]name of at most {ExpertKeyFormat.MaxNameLength} lowercase letters, digits, \"-\" and \"_\"");
        }

        reader.RejectUnknownKeys(table, path, ExpertKeys);

        var version = reader.String(table, "version", path);
        if (version is not null && !ExpertKeyFormat.IsSemVer(version))
        {
            reader.Add(path + ".version", "Must be a semantic version (e.g. 1.0.0)");
        }

        _ = reader.String(table, "minRuntimeVersion", path); // accepted and ignored, as in the reference

        var description = reader.String(table, "description", path);
        if (description is not null)
        {
            ConfigChecks.CheckLength(reader, path + ".description", description, MaxDescriptionLength);
        }

        if (!table.ContainsKey("instruction"))
        {
            reader.Add(path + ".instruction", "Required");
        }

        var instruction = reader.String(table, "instruction", path);
        if (instruction is not null)
        {
            ConfigChecks.CheckLength(reader, path + ".instruction", instruction, MaxInstructionLength);
        }

        var delegates = reader.StringArray(table, "delegates", path) ?? [];
        for (int i = 0; i < delegates.Count; i++)
        {
            if (!ExpertKeyFormat.IsValidKey(delegates[i]))
            {
                reader.Add(ConfigChecks.Indexed(path + ".delegates", i), $"Invalid expert key \"{delegates[i]}\"");
            }
        }

        var tags = reader.StringArray(table, "tags", path) ?? [];
        for (int i = 0; i < tags.Count; i++)
        {
            if (!ExpertKeyFormat.IsValidTag(tags[i]))
            {
                reader.Add(ConfigChecks.Indexed(path + ".tags", i), $"Invalid tag \"{tags[i]}\": expected lowercase letters, digits, \"-\" and \"_\"");
            }
        }

        Dictionary<string, Skill> skills;
        if (table.ContainsKey("skills"))
        {
            skills = [];
            var skillsTable = reader.Table(table, "skills", path);
            foreach (var (name, value) in skillsTable ?? [])
            {
                var skillPath = path + ".skills." + name;
                if (value is not TomlTable skillTable)
                {
                    reader.TypeMismatch(skillPath, "table", value);
                    continue;
                }

                if (SkillTableReader.Read(name, skillTable, skillPath, reader) is { } skill)
                {
                    skills[name] = skill;
                }
            }
        }
        else
        {
            skills = new Dictionary<string, Skill> { [BaseSkillName] = DefaultBaseSkill() };
        }

        return new Expert
        {
            Key = key,
            Name = key,
            Version = version ?? DefaultExpertVersion,
            Description = description,
            Instruction = instruction ?? "",
            Skills = skills,
            Delegates = delegates,
            Tags = tags,
        };
    }
}
