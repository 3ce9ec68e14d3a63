using System.Text.Json;
using Perstack.Core.Domain.Experts;
using Tomlyn.Model;

namespace Perstack.Core.Config;

/// <summary>Reads and validates one <c>[experts."key".skills."name"]</c> table of perstack.toml.</summary>
internal static class SkillTableReader
{
    private const string McpStdioSkillType = "mcpStdioSkill";

    private const string McpSseSkillType = "mcpSseSkill";

    private const string InteractiveSkillType = "interactiveSkill";

    private static readonly HashSet<string> McpStdioKeys = ConfigChecks.Keys(
        "type", "description", "rule", "pick", "omit", "command", "packageName", "args", "requiredEnv", "lazyInit");

    private static readonly HashSet<string> McpSseKeys = ConfigChecks.Keys("type", "description", "rule", "pick", "omit", "endpoint");

    private static readonly HashSet<string> InteractiveKeys = ConfigChecks.Keys("type", "description", "rule", "tools");

    private static readonly HashSet<string> ToolKeys = ConfigChecks.Keys("description", "inputJsonSchema");

    public static Skill? Read(string name, TomlTable table, string path, TomlValueReader reader)
    {
        if (!table.ContainsKey("type"))
        {
            reader.Add(path + ".type", "Required");
            return null;
        }

        var type = reader.String(table, "type", path);
        switch (type)
        {
            case null:
                return null;
            case McpStdioSkillType:
                return ReadMcpStdioSkill(name, table, path, reader);
            case McpSseSkillType:
                return ReadMcpSseSkill(name, table, path, reader);
            case InteractiveSkillType:
                return ReadInteractiveSkill(name, table, path, reader);
            default:
                reader.Add(path + ".type", $"Invalid option: expected one of \"{McpStdioSkillType}\"|\"{McpSseSkillType}\"|\"{InteractiveSkillType}\"");
                return null;
        }
    }

    private static McpStdioSkill ReadMcpStdioSkill(string name, TomlTable table, string path, TomlValueReader reader)
    {
        reader.RejectUnknownKeys(table, path, McpStdioKeys);
        var description = reader.String(table, "description", path);
        var rule = reader.String(table, "rule", path);
        var pick = reader.StringArray(table, "pick", path) ?? [];
        var omit = reader.StringArray(table, "omit", path) ?? [];
        var command = reader.String(table, "command", path);
        var packageName = reader.String(table, "packageName", path);
        var args = reader.StringArray(table, "args", path) ?? [];
        var requiredEnv = reader.StringArray(table, "requiredEnv", path) ?? [];
        var lazyInit = reader.Boolean(table, "lazyInit", path) ?? false;

        if (string.IsNullOrEmpty(command) && (command is not null || !table.ContainsKey("command")))
        {
            reader.Add(path, $"Skill {name} has no command");
        }

        // Runtime spec §3.3: exactly one of packageName / non-empty args.
        bool hasPackage = !string.IsNullOrEmpty(packageName);
        bool packageTyped = packageName is not null || !table.ContainsKey("packageName");
        bool argsTyped = !table.ContainsKey("args") || table["args"] is TomlArray;
        if (packageTyped && argsTyped)
        {
            if (!hasPackage && args.Count == 0)
            {
                reader.Add(path, $"Skill {name} has no packageName or args. Please provide one of them.");
            }
            else if (hasPackage && args.Count > 0)
            {
                reader.Add(path, $"Skill {name} has both packageName and args. Please provide only one of them.");
            }
        }

        return new McpStdioSkill
        {
            Name = name,
            Description = description,
            Rule = rule,
            Pick = pick,
            Omit = omit,
            Command = command ?? "",
            PackageName = hasPackage ? packageName : null,
            Args = args,
            RequiredEnv = requiredEnv,
            LazyInit = lazyInit,
        };
    }

    private static McpSseSkill ReadMcpSseSkill(string name, TomlTable table, string path, TomlValueReader reader)
    {
        reader.RejectUnknownKeys(table, path, McpSseKeys);
        var description = reader.String(table, "description", path);
        var rule = reader.String(table, "rule", path);
        var pick = reader.StringArray(table, "pick", path) ?? [];
        var omit = reader.StringArray(table, "omit", path) ?? [];
        if (!table.ContainsKey("endpoint"))
        {
            reader.Add(path + ".endpoint", "Required");
        }

        var endpoint = reader.String(table, "endpoint", path);
        if (endpoint is not null && !ConfigChecks.IsHttpUrl(endpoint))
        {
            reader.Add(path + ".endpoint", "Invalid URL");
        }

        return new McpSseSkill
        {
            Name = name,
            Description = description,
            Rule = rule,
            Pick = pick,
            Omit = omit,
            Endpoint = endpoint ?? "",
        };
    }

    private static InteractiveSkill ReadInteractiveSkill(string name, TomlTable table, string path, TomlValueReader reader)
    {
        reader.RejectUnknownKeys(table, path, InteractiveKeys);
        var description = reader.String(table, "description", path);
        var rule = reader.String(table, "rule", path);
        if (!table.ContainsKey("tools"))
        {
            reader.Add(path + ".tools", "Required");
        }

        var tools = new Dictionary<string, InteractiveTool>(StringComparer.Ordinal);
        foreach (var (toolName, value) in reader.Table(table, "tools", path) ?? [])
        {
            var toolPath = path + ".tools." + toolName;
            if (value is not TomlTable toolTable)
            {
                reader.TypeMismatch(toolPath, "table", value);
                continue;
            }

            reader.RejectUnknownKeys(toolTable, toolPath, ToolKeys);
            var toolDescription = reader.String(toolTable, "description", toolPath);
            if (!toolTable.ContainsKey("inputJsonSchema"))
            {
                reader.Add(toolPath + ".inputJsonSchema", "Required");
            }

            var schema = reader.String(toolTable, "inputJsonSchema", toolPath);
            if (schema is not null && CheckJsonObject(schema) is { } schemaProblem)
            {
                reader.Add(toolPath + ".inputJsonSchema", schemaProblem);
            }

            tools[toolName] = new InteractiveTool
            {
                Name = toolName,
                Description = toolDescription,
                InputJsonSchema = schema ?? "",
            };
        }

        return new InteractiveSkill
        {
            Name = name,
            Description = description,
            Rule = rule,
            Tools = tools,
        };
    }

    /// <summary>Null when <paramref name="json"/> is a JSON object; otherwise what is wrong.</summary>
    private static string? CheckJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? null
                : $"Must be a JSON object, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
        }
        catch (JsonException e)
        {
            return "Invalid JSON: " + e.Message;
        }
    }
}
