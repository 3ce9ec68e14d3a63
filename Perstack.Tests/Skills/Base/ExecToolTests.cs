using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>exec</c>: no shell, validated cwd, minimal environment, timeout kills the tree, output capped.</summary>
[TestFixture]
public sealed class ExecToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness(options => options with
    {
        ExecOutputLimit = 4096,
        ParentEnvironment = name => name switch
        {
            "PATH" => Environment.GetEnvironmentVariable("PATH"),
            "HOME" => "/home/test",
            "PARENT_SECRET" => "leaked",
            _ => null,
        },
    });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private Task<JsonElement> ExecAsync(string command, string[] args, JsonObject? env = null, string cwd = ".", bool stdout = true, bool stderr = true, long? timeout = null)
    {
        var arguments = SkillHarness.Args(
            ("command", command),
            ("args", new JsonArray([.. args.Select(a => (JsonNode)a)])),
            ("env", env ?? []),
            ("cwd", cwd),
            ("stdout", stdout),
            ("stderr", stderr));
        if (timeout is { } ms)
        {
            arguments["timeout"] = ms;
        }

        return _h.CallAsync("exec", arguments);
    }

    [Test]
    public async Task It_runs_a_program_and_returns_its_output()
    {
        var result = await ExecAsync("echo", ["hello", "world"]);

        result.GetRawText().Should().Be("""{"output":"hello world\n"}""");
    }

    [Test]
    public async Task Arguments_are_not_interpreted_by_a_shell()
    {
        var result = await ExecAsync("echo", ["$HOME", "*", "a;b", "|", "`id`"]);

        result.GetProperty("output").GetString().Should().Be("$HOME * a;b | `id`\n");
    }

    [Test]
    public async Task The_stdout_and_stderr_flags_choose_what_is_returned()
    {
        string[] script = ["-c", "echo out; echo err >&2"];

        (await ExecAsync("sh", script, stdout: true, stderr: false)).GetProperty("output").GetString().Should().Be("out\n");
        (await ExecAsync("sh", script, stdout: false, stderr: true)).GetProperty("output").GetString().Should().Be("err\n");
        (await ExecAsync("sh", script)).GetProperty("output").GetString().Should().Be("out\nerr\n");
    }

    [Test]
    public async Task No_output_is_reported_as_success_without_output() =>
        (await ExecAsync("true", [])).GetProperty("output").GetString().Should().Be("Command executed successfully, but produced no output.");

    [Test]
    public async Task Standard_input_is_empty_so_readers_do_not_hang()
    {
        var watch = Stopwatch.StartNew();

        var result = await ExecAsync("cat", [], timeout: 10_000);

        result.GetProperty("output").GetString().Should().Be("Command executed successfully, but produced no output.");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task A_failing_command_reports_the_reference_message_exit_code_and_output()
    {
        var result = await ExecAsync("sh", ["-c", "echo partial; echo boom >&2; exit 3"]);

        result.GetProperty("error").GetString().Should().Be("Command failed: sh -c echo partial; echo boom >&2; exit 3\nboom\n");
        result.GetProperty("exitCode").GetInt32().Should().Be(3);
        result.GetProperty("stdout").GetString().Should().Be("partial\n");
        result.GetProperty("stderr").GetString().Should().Be("boom\n");
    }

    [Test]
    public async Task Output_not_asked_for_is_left_out_of_a_failure()
    {
        var result = await ExecAsync("sh", ["-c", "echo partial; exit 1"], stdout: false);

        result.TryGetProperty("stdout", out _).Should().BeFalse();
    }

    [Test]
    public async Task An_unknown_program_is_an_error_result() =>
        (await ExecAsync("no-such-program-perstack", [])).GetProperty("error").GetString().Should().Be("Command not found: no-such-program-perstack");

    [Test]
    public async Task A_file_that_cannot_be_executed_is_an_error_result()
    {
        _h.WriteFile("data.txt", "not a program");

        (await ExecAsync("./data.txt", [])).GetProperty("error").GetString().Should().StartWith("Failed to start ./data.txt:");
    }

    [Test]
    public async Task A_relative_program_path_is_relative_to_the_working_directory()
    {
        var script = _h.WriteFile("tools/hello.sh", "#!/bin/sh\necho \"hello from $(basename \"$PWD\")\"\n");
        SkillHarness.SetMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        (await ExecAsync("./hello.sh", [], cwd: "tools")).GetProperty("output").GetString().Should().Be("hello from tools\n");
        (await ExecAsync("tools/hello.sh", [])).GetProperty("output").GetString().Should().Be("hello from ws\n");
    }

    [Test]
    public async Task It_runs_in_the_given_folder_of_the_workspace()
    {
        Directory.CreateDirectory(_h.InWorkspace("sub/dir"));

        (await ExecAsync("pwd", [], cwd: "sub/dir")).GetProperty("output").GetString().Should().Be(_h.InWorkspace("sub/dir") + "\n");
    }

    [Test]
    public async Task A_cwd_outside_the_workspace_is_refused_and_nothing_runs()
    {
        var result = await ExecAsync("touch", ["ran"], cwd: _h.Outside);

        result.GetProperty("error").GetString().Should().StartWith("Access denied - path outside allowed directories");
        File.Exists(Path.Combine(_h.Outside, "ran")).Should().BeFalse();
    }

    [Test]
    public async Task A_cwd_in_the_perstack_folder_is_refused() =>
        (await ExecAsync("ls", [], cwd: "perstack")).GetProperty("error").GetString().Should().Be("Access denied - perstack directory is not allowed");

    [Test]
    public async Task A_missing_cwd_is_an_error_result() =>
        (await ExecAsync("ls", [], cwd: "nope")).GetProperty("error").GetString().Should().Be("Working directory nope does not exist or is not a directory.");

    [Test]
    public async Task The_child_sees_only_the_safe_parent_variables_and_the_given_ones()
    {
        var result = await ExecAsync("env", [], env: new JsonObject { ["MY_FLAG"] = "on" });

        var lines = result.GetProperty("output").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => l.Split('=')[0]).Should().BeEquivalentTo(["PATH", "HOME", "MY_FLAG"]);
        lines.Should().Contain("HOME=/home/test").And.Contain("MY_FLAG=on");
    }

    [TestCase("PATH", "/evil")]
    [TestCase("HOME", "/evil")]
    [TestCase("LD_PRELOAD", "/evil.so")]
    [TestCase("ld_library_path", "/evil")]
    [TestCase("DYLD_INSERT_LIBRARIES", "/evil")]
    [TestCase("NODE_OPTIONS", "--require /evil.js")]
    [TestCase("PYTHONPATH", "/evil")]
    public async Task Protected_variables_cannot_be_set(string name, string value)
    {
        var result = await ExecAsync("env", [], env: new JsonObject { [name] = value });

        result.GetProperty("output").GetString().Should().NotContain("evil");
    }

    [Test]
    public async Task A_variable_name_with_an_equals_sign_is_an_error_result() =>
        (await ExecAsync("env", [], env: new JsonObject { ["A=B"] = "x" })).GetProperty("error").GetString().Should().Be("Invalid environment variable: A=B");

    [Test]
    public async Task A_timeout_stops_the_command_and_says_so()
    {
        var watch = Stopwatch.StartNew();

        var result = await ExecAsync("sh", ["-c", "echo started; sleep 30"], timeout: 1500);

        result.GetProperty("error").GetString().Should().Be("Command timed out after 1500ms.");
        result.GetProperty("stdout").GetString().Should().Be("started\n");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_timeout_kills_the_whole_process_tree()
    {
        var result = await ExecAsync("sh", ["-c", "sleep 30 & echo $! > child.pid; wait"], timeout: 1500);

        result.GetProperty("error").GetString().Should().Be("Command timed out after 1500ms.");
        int child = int.Parse(File.ReadAllText(_h.InWorkspace("child.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(child);
    }

    [Test]
    public async Task The_default_timeout_comes_from_the_options()
    {
        using var h = new SkillHarness(options => options with { ExecDefaultTimeout = TimeSpan.FromMilliseconds(300) });
        var args = SkillHarness.Args(("command", "sleep"), ("args", new JsonArray("30")), ("env", new JsonObject()), ("cwd", "."), ("stdout", true), ("stderr", true));

        var result = await h.CallAsync("exec", args);

        result.GetProperty("error").GetString().Should().Be("Command timed out after 300ms.");
    }

    [Test]
    public async Task A_non_positive_timeout_is_an_error_result()
    {
        var args = SkillHarness.Args(("command", "true"), ("args", new JsonArray()), ("env", new JsonObject()), ("cwd", "."), ("stdout", true), ("stderr", true), ("timeout", 0));

        (await _h.CallFailingAsync("exec", args)).Should().Contain("\"timeout\" must be a positive number");
    }

    [Test]
    public async Task Output_past_the_cap_stops_the_command_and_keeps_the_first_part()
    {
        var watch = Stopwatch.StartNew();

        var result = await ExecAsync("yes", [], timeout: 30_000);

        result.GetProperty("error").GetString().Should().Be("stdout maxBuffer length exceeded (the limit is 4096 characters); the command was stopped.");
        result.GetProperty("stdout").GetString().Should().HaveLength(4096).And.StartWith("y\ny\n");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task Stderr_past_the_cap_is_reported_as_such()
    {
        var result = await ExecAsync("sh", ["-c", "yes >&2"], timeout: 30_000);

        result.GetProperty("error").GetString().Should().StartWith("stderr maxBuffer length exceeded");
    }

    [Test]
    public async Task Missing_required_arguments_are_an_error_result() =>
        (await _h.CallFailingAsync("exec", SkillHarness.Args(("command", "ls")))).Should().Be("Invalid arguments for tool exec: \"args\" is required (an array of strings)");

    [Test]
    public async Task Cancelling_the_call_kills_the_command()
    {
        using var cts = new CancellationTokenSource();
        var args = SkillHarness.Args(("command", "sh"), ("args", new JsonArray("-c", "sleep 30 & echo $! > c.tmp; mv c.tmp c.pid; wait")), ("env", new JsonObject()), ("cwd", "."), ("stdout", true), ("stderr", true));
        var call = _h.CallPartsAsync("exec", args, cts.Token);
        for (int i = 0; i < 300 && !File.Exists(_h.InWorkspace("c.pid")); i++)
        {
            await Task.Delay(50);
        }

        await cts.CancelAsync();

        await call.Awaiting(c => c).Should().ThrowAsync<OperationCanceledException>();
        await WaitUntilGoneAsync(int.Parse(File.ReadAllText(_h.InWorkspace("c.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until the process is gone or a zombie (killed; reaping depends on the container's init).</summary>
    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (int i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return;
            }

            try
            {
                var text = await File.ReadAllTextAsync(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return;
                }
            }
            catch (IOException)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Process {pid} is still running");
    }
}
