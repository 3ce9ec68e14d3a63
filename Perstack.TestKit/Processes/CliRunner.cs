using Perstack.App.Cli;

namespace Perstack.TestKit.Processes;

/// <summary>Runs the real command tree in-process with captured output and a controlled environment.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunWithInputAsync(null, environment, args);

    /// <summary>
    /// Runs with <paramref name="input"/> as the interactive stdin that answers confirmation prompts
    /// (null: no interactive stdin, as when stdin is redirected).
    /// </summary>
    public static async Task<CliResult> RunWithInputAsync(string? input, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = input is null ? null : new StringReader(input);
        var env = environment ?? new Dictionary<string, string>();
        int exitCode = await PerstackCli.RunAsync(args, reader, output, error, name => env.TryGetValue(name, out var value) ? value : null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunWithInputAsync(string? input, params string[] args) => RunWithInputAsync(input, null, args);

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);
}
