namespace Perstack.Tests;

/// <summary>
/// The NUnit categories that keep the slow suites out of the fast lane (README, "Tests"): <c>.ci/run</c> runs
/// everything; <c>--filter "TestCategory!=Reliability&amp;TestCategory!=ChildProcess&amp;TestCategory!=NativeAot"</c>
/// leaves them out while iterating. <see cref="Architecture.TestCategoryTests"/> keeps new slow fixtures marked.
/// </summary>
public static class TestCategories
{
    /// <summary>The reliability suite: kills, signals, torture, attacks, each counted in docs/reliability.md.</summary>
    public const string Reliability = "Reliability";

    /// <summary>Tests that start real child processes: the perstack CLI, MCP servers, store writers killed on purpose.</summary>
    public const string ChildProcess = "ChildProcess";

    /// <summary>Smoke tests of the published Native AOT binary (run when PERSTACK_NATIVE_BINARY names it).</summary>
    public const string NativeAot = "NativeAot";

    /// <summary>
    /// Tests against the S3 test server (<c>Perstack.TestKit/S3/S3TestServer</c>, a node child process started once
    /// per test run). In the fast lane unless they also start perstack processes (then also <see cref="ChildProcess"/>);
    /// <c>--filter TestCategory=S3</c> runs them alone.
    /// </summary>
    public const string S3 = "S3";
}
