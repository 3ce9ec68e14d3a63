using System.Text.Json;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Files;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.TestKit.Processes;

/// <summary>
/// A project folder with the conformance perstack.toml pointed at a scripted LLM server, where <c>perstack run</c>
/// is started as a user would (history in <c>./perstack</c>).
/// </summary>
internal sealed class RunWorkspace : IAsyncDisposable
{
    public const string ApiKey = "sk-ant-test-secret-0123456789";

    private readonly TempDirectory _temp = new();

    private RunWorkspace(ScriptedLlmServer server, string toml)
    {
        Server = server;
        File.WriteAllText(Path.Combine(Directory, "perstack.toml"), toml.Replace("<base-url>", server.AnthropicBaseUrl, StringComparison.Ordinal));
    }

    public ScriptedLlmServer Server { get; }

    public string Directory => _temp.Path;

    public string Store => Path.Combine(Directory, "perstack");

    public Dictionary<string, string> Environment { get; } = new() { ["ANTHROPIC_API_KEY"] = ApiKey };

    public static RunWorkspace Create(string? toml = null) => new(ScriptedLlmServer.Start(), toml ?? ConformanceToml.Text);

    public Task<ProcessResult> RunAsync(params string[] args) => PerstackProcess.RunAsync(Directory, Environment, args);

    /// <summary>Runs the Native AOT binary at <paramref name="binary"/> in the workspace.</summary>
    public Task<ProcessResult> RunNativeAsync(string binary, params string[] args) => PerstackProcess.RunNativeAsync(binary, Directory, Environment, args);

    /// <summary>The <c>type@stepNumber/expertKey</c> sequence of a run's stdout.</summary>
    public static IReadOnlyList<string> Sequence(ProcessResult result) => result.OutputLines.Select(line =>
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return $"{root.GetProperty("type").GetString()}@{root.GetProperty("stepNumber").GetInt64()}/{root.GetProperty("expertKey").GetString()}";
    }).ToList();

    /// <summary>The text of the first result of each <c>resolveToolResults</c> event of a run's stdout, in order.</summary>
    public static IReadOnlyList<string> ToolResultTexts(ProcessResult result) =>
        [.. result.OutputLines.Where(l => l.Contains("\"resolveToolResults\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("toolResults")[0].GetProperty("result")[0].GetProperty("text").GetString()!)];

    /// <summary>The job id of a run's first event.</summary>
    public static string JobIdOf(ProcessResult result)
    {
        using var json = JsonDocument.Parse(result.OutputLines[0]);
        return json.RootElement.GetProperty("jobId").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
