using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain.Messages;
using Perstack.Skills.Base;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Skills.Base;

/// <summary>A base skill on a fresh temp workspace, with helpers to call tools and read their JSON results.</summary>
internal sealed class SkillHarness : IDisposable
{
    private readonly TempDirectory _temp = new();

    public SkillHarness(Func<BaseSkillOptions, BaseSkillOptions>? configure = null, IEnumerable<string>? pick = null, IEnumerable<string>? omit = null)
    {
        Directory.CreateDirectory(WorkspaceInput);
        Directory.CreateDirectory(Outside);
        var options = new BaseSkillOptions(WorkspaceInput);
        Skill = new BaseSkill(configure?.Invoke(options) ?? options, pick, omit);
    }

    public BaseSkill Skill { get; }

    /// <summary>The workspace's real path.</summary>
    public string Workspace => Skill.Guard.Workspace;

    /// <summary>A folder next to the workspace, outside it.</summary>
    public string Outside => Path.Combine(_temp.Path, "outside");

    /// <summary>The temp folder holding workspace and outside.</summary>
    public string Root => _temp.Path;

    private string WorkspaceInput => Path.Combine(_temp.Path, "ws");

    /// <summary>An absolute path in the workspace.</summary>
    public string InWorkspace(string relative) => Path.Combine(Workspace, relative);

    /// <summary>Writes a file in the workspace (creating folders).</summary>
    public string WriteFile(string relative, string text)
    {
        var path = InWorkspace(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Sets a file's or folder's Unix mode (the tests run on Unix).</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    public static JsonObject Args(params (string Name, JsonNode? Value)[] properties)
    {
        var args = new JsonObject();
        foreach (var (name, value) in properties)
        {
            args[name] = value;
        }

        return args;
    }

    public Task<IReadOnlyList<MessagePart>> CallPartsAsync(string tool, JsonNode? args = null, CancellationToken cancellationToken = default)
    {
        var element = JsonSerializer.SerializeToElement(args ?? new JsonObject());
        return Skill.CallToolAsync(tool, element, cancellationToken);
    }

    /// <summary>Calls a tool that answers with one text part and returns that text parsed.</summary>
    public async Task<JsonElement> CallAsync(string tool, JsonNode? args = null, CancellationToken cancellationToken = default)
    {
        var parts = await CallPartsAsync(tool, args, cancellationToken);
        parts.Should().ContainSingle();
        var text = parts[0].Should().BeOfType<TextPart>().Subject.Text;
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Calls a tool expected to fail with the standard shape, and returns the message.</summary>
    public async Task<string> CallFailingAsync(string tool, JsonNode? args = null)
    {
        var result = await CallAsync(tool, args);
        result.GetProperty("error").GetString().Should().Be("Error", "the result was {0}", result);
        return result.GetProperty("message").GetString()!;
    }

    public void Dispose()
    {
        // Read-only entries made by tests must not stop the cleanup; links are not followed.
        var all = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var entry in Directory.EnumerateFileSystemEntries(_temp.Path, "*", all))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        _temp.Dispose();
    }
}
