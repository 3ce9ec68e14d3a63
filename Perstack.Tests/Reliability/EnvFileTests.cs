using FluentAssertions;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Reliability;

/// <summary>
/// <c>.env</c> and <c>.env.local</c> (the files docs/getting-started.md tells users to put their keys in) are refused to
/// the file tools end to end, read and write alike, unless perstack.toml sets <c>allowEnvFiles = true</c>; even then
/// the values they hold reach the model redacted.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class EnvFileTests : ReliabilityTest
{
    private const string DbPassword = "dotenv-canary-p4ssw0rd-77c1";
    private const string LocalToken = "dotenv-local-canary-token-0e9b";

    private const string ReaderToml = ConformanceToml.Text + """


        [experts."reader"]
        instruction = "Read the environment files, then call attemptCompletion."
        [experts."reader".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["readTextFile", "writeTextFile", "editTextFile", "appendTextFile", "attemptCompletion"]
        """;

    private static readonly (string Tool, string Path, string Args)[] Uses =
    [
        ("readTextFile", ".env", """{"path":".env"}"""),
        ("readTextFile", ".env.local", """{"path":".env.local"}"""),
        ("writeTextFile", ".env", """{"path":".env","text":"DB_PASSWORD=stolen"}"""),
        ("appendTextFile", ".env.local", """{"path":".env.local","text":"\nEXTRA=1"}"""),
        ("editTextFile", ".env", $$"""{"path":".env","oldText":"{{DbPassword}}","newText":"x"}"""),
    ];

    protected override string Family => "Secrets";

    private static async Task<(IReadOnlyList<string> Answers, RunWorkspace Workspace)> RunAsync(string toml)
    {
        var workspace = RunWorkspace.Create(toml);
        File.WriteAllText(Path.Combine(workspace.Directory, ".env"), $"DB_PASSWORD={DbPassword}\n");
        File.WriteAllText(Path.Combine(workspace.Directory, ".env.local"), $"LOCAL_TOKEN={LocalToken}\n");
        workspace.Server.Enqueue([.. Uses.Select(u => ScriptedReply.ToolCall(u.Tool, u.Args))]);

        var result = await workspace.RunAsync("run", "reader", "Read the environment files");

        result.ExitCode.Should().Be(0, result.Error);
        string.Join('\n', result.OutputLines).Should().NotContain(DbPassword).And.NotContain(LocalToken);
        return (RunWorkspace.ToolResultTexts(result), workspace);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Env_files_are_refused_to_every_file_tool_and_left_unchanged(CancellationToken cancellationToken)
    {
        var (answers, workspace) = await RunAsync(ReaderToml);
        await using (workspace)
        {
            answers.Should().HaveCount(Uses.Length);
            for (int i = 0; i < Uses.Length; i++)
            {
                answers[i].Should().Contain(
                    $"Access denied - {Uses[i].Path} is an environment file, which may hold secrets (provider keys); set allowEnvFiles = true in perstack.toml to let the file tools use it",
                    Uses[i].Tool);
            }

            File.ReadAllText(Path.Combine(workspace.Directory, ".env")).Should().Be($"DB_PASSWORD={DbPassword}\n");
            File.ReadAllText(Path.Combine(workspace.Directory, ".env.local")).Should().Be($"LOCAL_TOKEN={LocalToken}\n");
        }

        Held(".env and .env.local through the file tools", Uses.Length,
            "readTextFile of .env and .env.local, writeTextFile, appendTextFile and editTextFile of them (before: readTextFile .env returned the key): each refused naming allowEnvFiles, both files unchanged");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task With_allow_env_files_in_perstack_toml_the_tools_use_them_and_the_values_stay_redacted(CancellationToken cancellationToken)
    {
        var (answers, workspace) = await RunAsync("allowEnvFiles = true\n" + ReaderToml);
        await using (workspace)
        {
            answers[0].Should().Contain("DB_PASSWORD=[REDACTED:DB_PASSWORD]");
            answers[1].Should().Contain("LOCAL_TOKEN=[REDACTED:LOCAL_TOKEN]");
            answers.Should().NotContain(a => a.Contains("Access denied", StringComparison.Ordinal));
            File.ReadAllText(Path.Combine(workspace.Directory, ".env.local")).Should().Be($"LOCAL_TOKEN={LocalToken}\n\nEXTRA=1");
        }

        Held("allowEnvFiles = true", 2,
            "the file tools read and write .env and .env.local; what the model gets back shows their values redacted");
    }
}
