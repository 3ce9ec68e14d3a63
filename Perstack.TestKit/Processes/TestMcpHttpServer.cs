using System.Diagnostics;

namespace Perstack.TestKit.Processes;

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
        var start = new ProcessStartInfo(ChildProcess.Dotnet)
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

        var process = ChildProcess.Start(start);
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
