using System.Diagnostics;

namespace Perstack.TestKit.Processes;

/// <summary>
/// The real <c>perstack</c> executable as a child process: perstack.dll (copied next to the tests) on the JIT, or the
/// Native AOT binary named by <c>PERSTACK_NATIVE_BINARY</c>.
/// </summary>
internal static class PerstackProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "perstack.dll");

    /// <summary>The published Native AOT binary to test, from <c>$PERSTACK_NATIVE_BINARY</c> (set by .ci/run), or null.</summary>
    public static string? NativeBinary =>
        Environment.GetEnvironmentVariable("PERSTACK_NATIVE_BINARY") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>The Native AOT binary; the test is ignored where there is none (a run outside .ci/run).</summary>
    public static string NativeBinaryOrIgnore()
    {
        if (NativeBinary is not { } binary)
        {
            NUnit.Framework.Assert.Ignore("PERSTACK_NATIVE_BINARY is not set (.ci/run sets it after publishing the Native AOT binary)");
            throw new InvalidOperationException("unreachable: Assert.Ignore throws");
        }

        return binary;
    }

    /// <summary>A start info with a clean Perstack environment: no storage override, no provider keys of the machine.</summary>
    public static ProcessStartInfo StartInfo(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartInfoFor(null, workingDirectory, environment, args);

    /// <summary>A start info for the Native AOT binary at <paramref name="binary"/> instead of perstack.dll.</summary>
    public static ProcessStartInfo NativeStartInfo(string binary, string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartInfoFor(binary, workingDirectory, environment, args);

    /// <summary>Runs the Native AOT binary at <paramref name="binary"/> instead of perstack.dll.</summary>
    public static Task<ProcessResult> RunNativeAsync(string binary, string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(StartInfoFor(binary, workingDirectory, environment, args));

    public static Task<ProcessResult> RunAsync(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(StartInfo(workingDirectory, environment, args));

    public static Task<ProcessResult> RunAsync(params string[] args) => RunAsync(null, null, args);

    /// <summary>Where child processes keep their store caches unless a test says otherwise.</summary>
    public static readonly string TestCacheHome = Path.Combine(Path.GetTempPath(), "perstack-tests-cache");

    /// <summary>Where child processes keep their log file and MCP servers' stderr unless a test says otherwise.</summary>
    public static readonly string TestStateHome = Path.Combine(Path.GetTempPath(), "perstack-tests-state");

    private static ProcessStartInfo StartInfoFor(string? nativeBinary, string? workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo(nativeBinary ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (nativeBinary is null)
        {
            start.ArgumentList.Add(DllPath);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "PERSTACK_STORAGE_PATH", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL",
                     "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT" })
        {
            start.Environment.Remove(name);
        }

        // The store caches go to a test folder, not the user's ~/.cache (a test may name its own).
        start.Environment["XDG_CACHE_HOME"] = TestCacheHome;
        // The log file and MCP servers' stderr likewise go to a test folder, not the user's ~/.local/state.
        start.Environment["XDG_STATE_HOME"] = TestStateHome;

        // Also set by ChildProcess.Start; set here too for the callers that hand this start info to another launcher.
        start.Environment[ChildProcess.DiagnosticsVariable] = "0";

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static async Task<ProcessResult> RunAsync(ProcessStartInfo startInfo)
    {
        using var process = ChildProcess.Start(startInfo);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
