using System.Text.Json.Nodes;
using Perstack.Core.Config;

namespace Perstack.App.Features.Jobs;

/// <summary>
/// What <c>jobs import</c> checks beyond the schema: the fields other commands write are held to the rules those
/// commands apply, so a shared export cannot plant what the CLI itself would refuse — a title as <c>jobs title</c>
/// checks it, expert keys as perstack.toml's keys are checked (both refuse control characters).
/// </summary>
internal static class ImportRules
{
    /// <summary>The first broken rule as <c>where: why</c>, or null.</summary>
    public static string? Problem(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document["job"]?["title"] is JsonValue title && title.TryGetValue<string>(out var text) && JobsTitleCommand.Problem(text) is { } problem)
        {
            return $"job.title: {problem}";
        }

        return BadExpertKey(document, "");
    }

    /// <summary>
    /// Every expert key in the document: <c>coordinatorExpertKey</c> and <c>expertKey</c> fields, <c>expert.key</c>
    /// objects (checkpoints, delegations) and the keys of run settings' <c>experts</c> tables.
    /// </summary>
    private static string? BadExpertKey(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var where = path.Length == 0 ? name : $"{path}.{name}";
                    if (name is "coordinatorExpertKey" or "expertKey" && value is JsonValue key && !ValidKey(key))
                    {
                        return $"{where}: not a valid expert key";
                    }

                    if (name == "expert" && value?["key"] is JsonValue expertKey && !ValidKey(expertKey))
                    {
                        return $"{where}.key: not a valid expert key";
                    }

                    if (name == "experts" && value is JsonObject experts && experts.FirstOrDefault(e => !ExpertKeyFormat.IsValidKey(e.Key)) is { Key: not null } bad)
                    {
                        return $"{where}: \"{bad.Key}\" is not a valid expert key";
                    }

                    if (BadExpertKey(value, where) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (BadExpertKey(array[i], $"{path}[{i}]") is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool ValidKey(JsonValue value) => value.TryGetValue<string>(out var key) && ExpertKeyFormat.IsValidKey(key);
}
