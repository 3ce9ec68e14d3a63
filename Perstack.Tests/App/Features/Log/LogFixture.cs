using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Log;

/// <summary>Runs <c>perstack log</c> in-process against a store, and reads its terminal output.</summary>
internal static class LogFixture
{
    /// <summary>The rule around the events block.</summary>
    public static readonly string Rule = new('─', 50);

    public static Task<CliResult> RunAsync(string store, params string[] args) => CliRunner.RunAsync(["log", "--storage-path", store, .. args]);

    /// <summary>The event header lines, as <c>type@step</c>.</summary>
    public static IReadOnlyList<string> Events(CliResult result) => result.OutputLines
        .Where(l => l.StartsWith("[Step ", StringComparison.Ordinal))
        .Select(l =>
        {
            var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return $"{parts[2]}@{parts[1].TrimEnd(']')}";
        })
        .ToList();
}
