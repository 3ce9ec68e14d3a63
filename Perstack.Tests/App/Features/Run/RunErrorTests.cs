using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Run;

/// <summary>Every user error of <c>perstack run</c>: one line on stderr, exit 1, nothing written.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunErrorTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    private async Task ExpectErrorAsync(string message, params string[] args)
    {
        var result = await _workspace.RunAsync(args);
        result.ExitCode.Should().Be(1, result.Output + result.Error);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().Contain(message);
        result.Error.Should().NotContain("   at ", "no stack trace");
        Directory.Exists(_workspace.Store).Should().BeFalse("a refused run writes nothing");
    }

    [Test]
    public async Task Resume_from_without_continue_job_is_refused_before_the_config_is_read()
    {
        File.Delete(Path.Combine(_workspace.Directory, "perstack.toml"));
        var result = await _workspace.RunAsync("run", "fake-basic", "q", "--resume-from", "abc");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--resume-from requires --continue-job").And.NotContain("perstack.toml");
    }

    [Test]
    public Task A_missing_config_file_is_named() =>
        ExpectErrorAsync("Given config path \"nope.toml\" is not found", "run", "fake-basic", "q", "--config", "nope.toml");

    [Test]
    public async Task No_perstack_toml_anywhere_up_the_tree()
    {
        using var empty = new TempDirectory();
        var result = await PerstackProcess.RunAsync(empty.Path, _workspace.Environment, "run", "fake-basic", "q");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("perstack.toml not found. Create one or specify --config path.");
    }

    [Test]
    public Task An_unknown_expert_fails_before_any_job_folder_is_created() =>
        ExpectErrorAsync("Expert \"nobody\" not found in perstack.toml", "run", "nobody", "q");

    [Test]
    public async Task A_missing_api_key_fails_fast()
    {
        _workspace.Environment.Remove("ANTHROPIC_API_KEY");
        await ExpectErrorAsync("ANTHROPIC_API_KEY is not set", "run", "fake-basic", "q");
    }

    [TestCase("--max-steps", "abc", "Error: Invalid --max-steps \"abc\": expected an integer ≥ 1")]
    [TestCase("--max-steps", "0", "Error: Invalid --max-steps \"0\": expected an integer ≥ 1")]
    [TestCase("--max-retries", "-1", "Error: Invalid --max-retries \"-1\": expected an integer ≥ 0")]
    [TestCase("--timeout", "soon", "Error: Invalid --timeout \"soon\": expected an integer ≥ 1")]
    [TestCase("--temperature", "2", "Error: Invalid --temperature \"2\": expected a number from 0 to 1")]
    public Task Numeric_options_are_validated_not_dropped(string option, string value, string message) =>
        ExpectErrorAsync(message, "run", "fake-basic", "q", option, value);

    [Test]
    public async Task An_unknown_provider_is_a_validation_error()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "q", "--provider", "acme");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal(
            "Validation failed:",
            "  - options.provider: Invalid option: expected one of \"anthropic\"|\"google\"|\"openai\"|\"ollama\"|\"azure-openai\"|\"amazon-bedrock\"|\"google-vertex\"|\"deepseek\"");
    }

    [TestCase("--job-id", "../escape")]
    [TestCase("--continue-job", "a/b")]
    public async Task Path_like_ids_are_refused(string option, string value)
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "q", option, value);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("Invalid job id");
        Directory.Exists(Path.Combine(_workspace.Directory, "escape")).Should().BeFalse();
    }

    [Test]
    public Task Continue_with_no_history() => ExpectErrorAsync("No runs found", "run", "fake-basic", "q", "--continue");

    [Test]
    public Task Continue_job_without_checkpoints() =>
        ExpectErrorAsync("No checkpoints found for job nosuchjob", "run", "fake-basic", "q", "--continue-job", "nosuchjob");

    [Test]
    public async Task Resume_from_an_unknown_checkpoint()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(first);

        var result = await _workspace.RunAsync("run", "fake-basic", "again", "--continue-job", jobId, "--resume-from", "nosuchcheckpoint");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal($"Checkpoint nosuchcheckpoint not found in job {jobId}");
    }

    [Test]
    public async Task Continue_with_another_expert_key()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(first);

        var result = await _workspace.RunAsync("run", "fake-writer", "again", "--continue-job", jobId);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Checkpoint expert key fake-basic does not match input expert key fake-writer");
    }

    [Test]
    public async Task Continuing_an_interactive_stop_without_i_leaves_job_json_untouched()
    {
        var first = await _workspace.RunAsync("run", "fake-interactive", "Ask me something");
        var jobId = RunWorkspace.JobIdOf(first);
        var jobFile = Path.Combine(_workspace.Store, "jobs", jobId, "job.json");
        var before = await File.ReadAllBytesAsync(jobFile);

        var result = await _workspace.RunAsync("run", "fake-interactive", "Yes", "--continue-job", jobId);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith("Interactive tool call result is undefined: checkpoint ").And.Contain("askUser").And.Contain("answer it with -i");
        (await File.ReadAllBytesAsync(jobFile)).Should().Equal(before);
    }
}
