using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;
using Perstack.Tests.Skills.Base;

namespace Perstack.Tests.Reliability;

/// <summary>
/// The base skill's file tools and <c>exec</c>'s working directory cannot leave the workspace or enter the history:
/// every escape (<c>..</c>, absolute paths, <c>~</c>, sibling-prefix folders, symbolic links to files, folders, chains
/// and relative targets, the <c>perstack</c> folder in any case, a custom <c>--storage-path</c> inside the workspace,
/// NUL) is tried with every path-taking tool and refused, and nothing outside changes. <c>exec</c> runs a real
/// command: only its working directory is confined, what the command itself opens is not (as in the reference).
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class SkillIsolationTests : ReliabilityTest
{
    private const string Secret = "outside-content";

    protected override string Family => "Security";

    [Test]
    public async Task Every_escape_is_refused_by_every_path_tool()
    {
        using var harness = new SkillHarness(o => o with { HiddenDirectories = [Path.Combine(o.Workspace, ".history")] });
        harness.Skill.Guard.Should().NotBeNull();
        var outside = harness.Outside;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), Secret);
        var sibling = harness.Workspace + "2";
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Combine(sibling, "secret.txt"), Secret);
        harness.WriteFile("perstack/jobs/j/job.json", "{}");
        harness.WriteFile(".history/jobs/j/job.json", "{}");
        Directory.CreateSymbolicLink(harness.InWorkspace("dir-link"), outside);
        File.CreateSymbolicLink(harness.InWorkspace("file-link"), Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(harness.InWorkspace("chain-1"), harness.InWorkspace("chain-2"));
        Directory.CreateSymbolicLink(harness.InWorkspace("chain-2"), outside);
        Directory.CreateSymbolicLink(harness.InWorkspace("relative-link"), "../outside");
        Directory.CreateSymbolicLink(harness.InWorkspace("history-link"), harness.InWorkspace(".history"));
        var before = Snapshot(harness.Root, harness.Workspace);

        // (path to a file, its folder) per escape.
        var escapes = new (string Name, string File, string Folder)[]
        {
            ("dot-dot", "../outside/secret.txt", "../outside"),
            ("dot-dot inside a path", "sub/../../outside/secret.txt", "sub/../../outside"),
            ("absolute outside", Path.Combine(outside, "secret.txt"), outside),
            ("system file", "/etc/hostname", "/etc"),
            ("home", "~/secret.txt", "~"),
            ("sibling with the workspace as prefix", Path.Combine(sibling, "secret.txt"), sibling),
            ("symlinked folder", "dir-link/secret.txt", "dir-link"),
            ("symlinked file", "file-link", "dir-link"),
            ("symlink chain", "chain-1/secret.txt", "chain-1"),
            ("relative symlink", "relative-link/secret.txt", "relative-link"),
            ("perstack folder", "perstack/jobs/j/job.json", "perstack"),
            ("perstack folder, other case", "PerStack/jobs/j/job.json", "PERSTACK/jobs"),
            ("perstack folder via dot-dot", "sub/../perstack/jobs/j/job.json", "./sub/../perstack"),
            ("custom storage path in the workspace", ".history/jobs/j/job.json", ".history/jobs"),
            ("symlink into the storage path", "history-link/jobs/j/job.json", "history-link"),
            ("NUL", "a\0/../../outside/secret.txt", "a\0b"),
        };

        int cases = 0;
        foreach (var (name, file, folder) in escapes)
        {
            var calls = new (string Tool, JsonObject Args)[]
            {
                ("readTextFile", SkillHarness.Args(("path", file))),
                ("writeTextFile", SkillHarness.Args(("path", file), ("text", "pwned"))),
                ("appendTextFile", SkillHarness.Args(("path", file), ("text", "pwned"))),
                ("editTextFile", SkillHarness.Args(("path", file), ("oldText", Secret), ("newText", "pwned"))),
                ("getFileInfo", SkillHarness.Args(("path", file))),
                ("deleteFile", SkillHarness.Args(("path", file))),
                ("moveFile", SkillHarness.Args(("source", file), ("destination", "stolen.txt"))),
                ("moveFile", SkillHarness.Args(("source", "decoy.txt"), ("destination", file))),
                ("listDirectory", SkillHarness.Args(("path", folder))),
                ("createDirectory", SkillHarness.Args(("path", folder + "/new"))),
                ("deleteDirectory", SkillHarness.Args(("path", folder), ("recursive", true))),
                ("exec", SkillHarness.Args(("command", "ls"), ("args", new JsonArray()), ("env", new JsonObject()), ("cwd", folder), ("stdout", true), ("stderr", true))),
            };
            foreach (var (tool, args) in calls)
            {
                harness.WriteFile("decoy.txt", "decoy");
                var message = await RefusalAsync(harness, tool, args);
                message.Should().MatchRegex("^(Access denied|Invalid path|Cannot resolve path)", $"{tool} with {name} ({file}) must be refused");
                message.Should().NotContain(Secret);
                cases++;
            }
        }

        Snapshot(harness.Root, harness.Workspace).Should().Equal(before, "nothing outside the workspace or in the history changed");
        Held("Base skill path escapes", cases,
            $"{escapes.Length} escapes × 12 path arguments of 11 tools refused before touching anything; files outside, in perstack/ and in a --storage-path inside the workspace unchanged");
    }

    [Test]
    public async Task A_run_with_its_storage_path_inside_the_workspace_cannot_touch_its_history()
    {
        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-writer", "Write a file please", "--storage-path", ".history");
        first.ExitCode.Should().Be(0, first.Error);
        var jobId = RunWorkspace.JobIdOf(first);
        var jobFile = Path.Combine(workspace.Directory, ".history", "jobs", jobId, "job.json");
        var original = File.ReadAllText(jobFile);
        workspace.Server.Enqueue(ScriptedReply.ToolCall("writeTextFile", $$"""{"path":".history/jobs/{{jobId}}/job.json","text":"pwned"}"""));

        var attack = await workspace.RunAsync("run", "fake-writer", "Overwrite your history", "--storage-path", ".history");

        attack.ExitCode.Should().Be(0, attack.Error);
        var result = attack.OutputLines.First(l => l.Contains("\"resolveToolResults\"", StringComparison.Ordinal));
        JsonDocument.Parse(result).RootElement.GetProperty("toolResults")[0].GetProperty("result")[0].GetProperty("text").GetString()
            .Should().Contain("Access denied");
        File.ReadAllText(jobFile).Should().Be(original);
        Held("perstack run with --storage-path inside the workspace", 1,
            "writeTextFile into the run's own history is refused end to end (was allowed before: only <workspace>/perstack was hidden)");
    }

    /// <summary>The refusal message: tools answer <c>{"error":"Error","message":…}</c>, some <c>{"error":…}</c>.</summary>
    private static async Task<string> RefusalAsync(SkillHarness harness, string tool, JsonObject args)
    {
        var result = await harness.CallAsync(tool, args);
        var error = result.GetProperty("error").GetString()!;
        return error == "Error" ? result.GetProperty("message").GetString()! : error;
    }

    private static List<string> Snapshot(string root, string workspace) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(p => !p.StartsWith(workspace + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || p.Contains("/perstack/", StringComparison.Ordinal) || p.Contains("/.history/", StringComparison.Ordinal))
            .Where(p => File.Exists(p) || Directory.Exists(p))
            .Select(p => File.Exists(p) ? $"{p}={File.ReadAllText(p)}" : p)
            .Order(StringComparer.Ordinal)];
}
