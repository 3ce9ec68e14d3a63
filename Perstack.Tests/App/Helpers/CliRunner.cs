using Perstack.App.Cli;

namespace Perstack.Tests.App.Helpers;

/// <summary>Runs the real command tree in-process with captured output and a controlled environment.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        int exitCode = await PerstackCli.RunAsync(args, output, error, name => env.TryGetValue(name, out var value) ? value : null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);
}

/// <summary>Exit code and captured streams of one command.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
