using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Skills;

namespace Perstack.Tests.Core.Skills.Mcp;

/// <summary>
/// The test MCP server (Support/TestMcpServer), built with the tests through a ProjectReference and run with
/// <c>dotnet</c>: as a stdio skill declaration, or as an HTTP server process.
/// </summary>
internal static class TestMcpServer
{
    /// <summary>The built TestMcpServer.dll (path recorded at build time by Perstack.Tests.csproj).</summary>
    public static string DllPath { get; } =
        typeof(TestMcpServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestMcpServerPath").Value!;

    /// <summary>perstack.dll, copied next to the tests.</summary>
    public static string PerstackDll => Path.Combine(AppContext.BaseDirectory, "perstack.dll");

    /// <summary>The dotnet host running the tests.</summary>
    public static string Dotnet { get; } = FindDotnet();

    /// <summary>A stdio skill running the server with <c>--stdio</c> and <paramref name="extraArgs"/>.</summary>
    public static McpStdioSkill Stdio(string name = "test", params string[] extraArgs)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException("TestMcpServer is not built; build Perstack.Tests (it references Support/TestMcpServer).", DllPath);
        }

        return new McpStdioSkill { Name = name, Command = Dotnet, Args = [DllPath, "--stdio", .. extraArgs] };
    }

    /// <summary>An expert with exactly <paramref name="skills"/>.</summary>
    public static Expert Expert(params Skill[] skills) => new()
    {
        Key = "mcp-tester",
        Name = "mcp-tester",
        Version = "1.0.0",
        Instruction = "Test MCP skills.",
        Skills = skills.ToDictionary(s => s.Name, s => s),
    };

    /// <summary>Whether a process is alive (a zombie counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, up to <paramref name="timeout"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }

    /// <summary>Reads the pid a <c>--touch</c> file holds.</summary>
    public static int PidIn(string touchFile) => int.Parse(File.ReadAllText(touchFile), CultureInfo.InvariantCulture);

    private static string FindDotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}

/// <summary>Records the runtime events of skills (thread-safe).</summary>
internal sealed class EventRecorder
{
    private readonly ConcurrentQueue<RuntimeEvent> _events = new();

    public EventRecorder()
    {
        Target = new SkillEventTarget(JobId, RunId, e =>
        {
            _events.Enqueue(e);
            return ValueTask.CompletedTask;
        });
    }

    public JobId JobId { get; } = JobId.New();

    public RunId RunId { get; } = RunId.New();

    public SkillEventTarget Target { get; }

    public IReadOnlyList<RuntimeEvent> Events => [.. _events];

    public IReadOnlyList<T> OfType<T>() => [.. _events.OfType<T>()];

    public Task<bool> WaitForAsync<T>(Func<T, bool>? predicate = null, double seconds = 10) =>
        TestMcpServer.EventuallyAsync(() => _events.OfType<T>().Any(e => predicate?.Invoke(e) ?? true), TimeSpan.FromSeconds(seconds));
}

/// <summary>The test MCP server over HTTP (<c>--http 0</c>), a child process stopped on dispose.</summary>
internal sealed class TestMcpHttpServer : IAsyncDisposable
{
    private readonly Process _process;

    private TestMcpHttpServer(Process process, string url)
    {
        _process = process;
        Url = url.TrimEnd('/');
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:12345</c> (streamable HTTP at <c>/</c>, SSE at <c>/sse</c>).</summary>
    public string Url { get; }

    public static async Task<TestMcpHttpServer> StartAsync()
    {
        var start = new ProcessStartInfo(TestMcpServer.Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { TestMcpServer.DllPath, "--http", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"TestMcpServer --http printed \"{line}\"");
        }

        return new TestMcpHttpServer(process, line["listening ".Length..]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
