using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Architecture;

/// <summary>
/// The fast lane stays fast: a test file that starts a slow child process (the perstack CLI, an MCP server, a store
/// writer killed on purpose, a pty) carries a category that the fast lane leaves out, and every reliability fixture is
/// marked as such. The check reads the sources, so a new slow fixture cannot slip in unmarked.
/// </summary>
public sealed partial class TestCategoryTests
{
    /// <summary>Cheap children a fast test may start (a shell builtin's worth of work), by file name.</summary>
    private static readonly HashSet<string> CheapChildren = new(StringComparer.Ordinal) { "SpecialFileTests.cs" };

    private static string TestsFolder => Path.Combine(RepositoryRoot.Path, "Perstack.Tests");

    [Test]
    public void A_test_file_that_starts_a_child_process_names_its_category()
    {
        var unmarked = Directory.EnumerateFiles(TestsFolder, "*Tests.cs", SearchOption.AllDirectories)
            .Where(file => !CheapChildren.Contains(Path.GetFileName(file)))
            .Where(file => Launcher().IsMatch(File.ReadAllText(file)) && !File.ReadAllText(file).Contains("[Category(TestCategories.", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(TestsFolder, file))
            .ToList();

        unmarked.Should().BeEmpty("these start child processes: mark the fixture or the test [Category(TestCategories.ChildProcess)]");
    }

    [Test]
    public void Every_reliability_fixture_is_in_the_reliability_category()
    {
        var unmarked = Directory.EnumerateFiles(Path.Combine(TestsFolder, "Reliability"), "*Tests.cs")
            .Where(file => !File.ReadAllText(file).Contains("[Category(TestCategories.Reliability)]", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        unmarked.Should().BeEmpty();
    }

    [Test]
    public void A_test_file_that_uses_the_s3_test_server_is_in_the_s3_category()
    {
        var unmarked = Directory.EnumerateFiles(TestsFolder, "*Tests.cs", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file).Contains("S3TestServer.", StringComparison.Ordinal)
                && !File.ReadAllText(file).Contains("[Category(TestCategories.S3)]", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(TestsFolder, file))
            .ToList();

        unmarked.Should().BeEmpty("these start the S3 test server: mark the fixture [Category(TestCategories.S3)]");
    }

    [GeneratedRegex(@"PerstackProcess\.|StoreWriterProcess\.|SignalledRun\.|TerminalSession|LimitedProcess\.|TestMcpServer\.Stdio|TestMcpHttpServer|StdioClientTransport|Process\.Start\(|[wW]orkspace\.Run(Native)?Async\(")]
    private static partial Regex Launcher();
}
