using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Completion;

/// <summary>What the shell scripts ask: <c>perstack [suggest:N] "line"</c> answers candidates, one per line.</summary>
public sealed class CompletionSuggestTests : FixtureCopyTests
{
    [Test]
    public async Task Completes_subcommands_from_the_command_tree()
    {
        var lines = await SuggestAsync("perstack jobs pr");

        lines.Should().Equal("prune");
    }

    [Test]
    public async Task Completes_job_ids_from_the_store_for_a_job_argument()
    {
        var lines = await SuggestAsync($"perstack jobs show --storage-path {Store} ");

        lines.Should().Contain(["gf13yre28vrnvqtt96gqls80", "job-fixed-0001", "aajxt79vxz6vvwkfyltr74pc"]);
    }

    [Test]
    public async Task Completes_only_job_ids_starting_with_the_typed_prefix()
    {
        var lines = await SuggestAsync($"perstack jobs delete --storage-path {Store} gf");

        lines.Should().Equal("gf13yre28vrnvqtt96gqls80");
    }

    [Test]
    public async Task Completes_job_ids_for_continue_job_using_the_storage_path_from_the_environment()
    {
        var environment = new Dictionary<string, string> { ["PERSTACK_STORAGE_PATH"] = Store };

        var lines = await SuggestAsync("perstack run --continue-job job-", environment);

        lines.Should().Equal("job-fixed-0001");
    }

    [Test]
    public async Task Completes_checkpoint_ids_of_the_job_named_by_continue_job()
    {
        var lines = await SuggestAsync($"perstack run --storage-path {Store} --continue-job gf13yre28vrnvqtt96gqls80 --resume-from ");

        lines.Should().BeEquivalentTo(["ntt9ltvvc2kq9si820pkiib1", "b332u04gln44g0rpogz5ioe4", "rbl9onz9mhpvvno3zj3afdbl", "yw9btho82skvsne8l9e29v8o"]);
    }

    [Test]
    public async Task Completes_checkpoint_ids_of_the_forked_job_for_fork_from()
    {
        var lines = await SuggestAsync($"perstack jobs fork gf13yre28vrnvqtt96gqls80 --storage-path {Store} --from yw");

        lines.Should().Equal("yw9btho82skvsne8l9e29v8o");
    }

    [Test]
    public async Task Completes_no_checkpoint_ids_without_a_valid_job()
    {
        (await SuggestAsync($"perstack run --storage-path {Store} --resume-from ")).Should().BeEmpty();
        (await SuggestAsync($"perstack run --storage-path {Store} --continue-job ../x --resume-from ")).Should().BeEmpty();
        (await SuggestAsync($"perstack run --storage-path {Store} --continue-job nosuchjob --resume-from ")).Should().BeEmpty();
    }

    [Test]
    public async Task Completes_expert_keys_from_the_config_file()
    {
        var config = Path.Combine(Temp.Path, "perstack.toml");
        await File.WriteAllTextAsync(config, "[experts.\"alpha\"]\ninstruction = \"a\"\n[experts.\"beta-two\"]\ninstruction = \"b\"\n");

        (await SuggestAsync($"perstack run --config {config} ")).Should().Contain(["alpha", "beta-two"]);
        (await SuggestAsync($"perstack start --config {config} be")).Should().Equal("beta-two");
    }

    [Test]
    public async Task A_missing_store_or_a_broken_config_completes_nothing_and_prints_no_error()
    {
        var config = Path.Combine(Temp.Path, "broken.toml");
        await File.WriteAllTextAsync(config, "[experts.\"alpha\"\n");

        var store = await SuggestResultAsync($"perstack jobs show --storage-path {Path.Combine(Temp.Path, "none")} ");
        var expert = await SuggestResultAsync($"perstack run --config {config} al");

        store.ExitCode.Should().Be(0);
        store.Error.Should().BeEmpty();
        store.OutputLines.Where(IsNotAnOption).Should().BeEmpty();
        expert.ExitCode.Should().Be(0);
        expert.Error.Should().BeEmpty();
        expert.OutputLines.Where(IsNotAnOption).Should().BeEmpty();
    }

    [Test]
    public async Task Help_names_the_arguments_instead_of_listing_their_completions()
    {
        var environment = new Dictionary<string, string> { ["PERSTACK_STORAGE_PATH"] = Store };

        var result = await CliRunner.RunAsync(environment, "jobs", "show", "--help");

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("<jobId>").And.NotContain("gf13yre28vrnvqtt96gqls80");
    }

    private static async Task<string[]> SuggestAsync(string line, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await SuggestResultAsync(line, environment);
        result.ExitCode.Should().Be(0, result.Error);
        return result.OutputLines.Where(IsNotAnOption).ToArray();
    }

    /// <summary>Options (and their aliases) are completed too; these tests look at the values.</summary>
    private static bool IsNotAnOption(string candidate) => !candidate.StartsWith('-') && !candidate.StartsWith('/');

    private static Task<CliResult> SuggestResultAsync(string line, IReadOnlyDictionary<string, string>? environment = null) =>
        CliRunner.RunAsync(environment, $"[suggest:{line.Length}]", line);
}
