using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Perstack.Core.Domain.Experts;

namespace Perstack.TestKit.Processes;

/// <summary>
/// The test MCP server (Support/TestMcpServer), built with the tests through a ProjectReference and run with
/// <c>dotnet</c>: as a stdio skill declaration, or as an HTTP server process.
/// </summary>
internal static class TestMcpServer
{
    /// <summary>The built TestMcpServer.dll (path recorded at build time by Perstack.TestKit.csproj).</summary>
    public static string DllPath { get; } =
        typeof(TestMcpServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestMcpServerPath").Value!;

    /// <summary>perstack.dll, copied next to the tests.</summary>
    public static string PerstackDll => Path.Combine(AppContext.BaseDirectory, "perstack.dll");

    /// <summary>The dotnet host running the tests, with diagnostics off (<see cref="ChildProcess.DotnetWithoutDiagnostics"/>).</summary>
    public static string Dotnet => ChildProcess.DotnetWithoutDiagnostics;

    /// <summary>A stdio skill running the server with <c>--stdio</c> and <paramref name="extraArgs"/>.</summary>
    public static McpStdioSkill Stdio(string name = "test", params string[] extraArgs)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException("TestMcpServer is not built; build Perstack.TestKit (it references Support/TestMcpServer).", DllPath);
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
}
