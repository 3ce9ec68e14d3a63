using System.CommandLine;
using FluentAssertions;
using Perstack.App.Cli;
using Perstack.Core.Domain;

namespace Perstack.Tests.App.Cli;

/// <summary>Ids parsed by System.CommandLine: typed values, and a bad id reported bare or as a usage error, as the symbol asks.</summary>
public sealed class IdSymbolsTests
{
    [Test]
    public void Ids_are_parsed_into_their_types()
    {
        var job = IdSymbols.JobIdOption("--job", "jobId", "The job", bareError: false);
        var from = IdSymbols.CheckpointIdOption("--from", "checkpointId", "The checkpoint", bareError: true);
        var ids = IdSymbols.JobIdsArgument("jobId", "The jobs", bareError: true);
        var command = new RootCommand { job, from, ids };

        var parse = command.Parse(["--job", "j1", "--from", "c1", "a", "b"]);

        parse.Errors.Should().BeEmpty();
        parse.GetValue(job).Should().Be(new JobId("j1"));
        parse.GetValue(from).Should().Be(new CheckpointId("c1"));
        parse.GetValue(ids).Should().Equal(new JobId("a"), new JobId("b"));
    }

    [Test]
    public void A_bad_id_of_a_bare_symbol_is_its_message_alone()
    {
        var ids = IdSymbols.JobIdsArgument("jobId", "The jobs", bareError: true);
        var parse = new RootCommand { ids }.Parse(["ok", "../x", "a/b"]);

        UsageErrors.Lines(parse).Should().Equal("Invalid job id \"../x\": it must start with a letter or digit");
    }

    [Test]
    public void A_bad_id_of_another_symbol_is_a_usage_error()
    {
        var run = IdSymbols.RunIdOption("--run", "runId", "The run", bareError: false);
        var parse = new RootCommand { run }.Parse(["--run", "../x"]);

        UsageErrors.Lines(parse).Should().Equal("Error: Invalid run id \"../x\": it must start with a letter or digit", "Run 'perstack --help' for usage.");
    }

    [Test]
    public void A_bad_option_id_of_a_bare_symbol_is_its_message_alone()
    {
        var job = IdSymbols.JobIdArgument("jobId", "The job", bareError: true);
        var from = IdSymbols.CheckpointIdOption("--from", "checkpointId", "The checkpoint", bareError: true);
        var parse = new RootCommand { job, from }.Parse(["j1", "--from", "../../etc"]);

        UsageErrors.Lines(parse).Should().Equal("Invalid checkpoint id \"../../etc\": it must start with a letter or digit");
    }

    [Test]
    public void A_missing_required_bare_option_stays_a_usage_error()
    {
        var from = IdSymbols.CheckpointIdOption("--from", "checkpointId", "The checkpoint", bareError: true);
        from.Required = true;
        var parse = new RootCommand { from }.Parse([]);

        UsageErrors.Lines(parse).Should().Equal("Error: Option '--from' is required.", "Run 'perstack --help' for usage.");
    }
}
