using FluentAssertions;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Cli;

/// <summary>Where the history lives is parsed once at the edge: a scheme we do not serve never becomes a folder.</summary>
public sealed class StorageLocationEdgeTests
{
    [TestCase("jobs", "list")]
    [TestCase("jobs", "show", "job-fixed-0001")]
    [TestCase("jobs", "delete", "job-fixed-0001", "--yes")]
    [TestCase("jobs", "export", "job-fixed-0001")]
    [TestCase("log")]
    public async Task A_location_with_a_scheme_we_do_not_serve_is_refused_in_one_line(params string[] args)
    {
        var viaFlag = await CliRunner.RunAsync([.. args, "--storage-path", "gs://team-bucket/history"]);
        var viaEnvironment = await CliRunner.RunAsync(new Dictionary<string, string> { ["PERSTACK_STORAGE_PATH"] = "file:/tmp/history" }, args);

        viaFlag.ExitCode.Should().Be(1);
        viaFlag.ErrorLines.Should().Equal(
            "Error: Storage location gs://team-bucket/history (from --storage-path) has the scheme gs:, which Perstack does not serve; "
            + "use a folder or s3://bucket/prefix (for a folder whose name has a colon, write ./gs://team-bucket/history)");
        viaEnvironment.ExitCode.Should().Be(1);
        viaEnvironment.ErrorLines.Should().ContainSingle().Which.Should().StartWith(
            "Error: Storage location file:/tmp/history (from PERSTACK_STORAGE_PATH) has the scheme file:");
    }

    [TestCase("s3://", "it names no bucket")]
    [TestCase("s3://Bad_Bucket/p", "Bad_Bucket is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")]
    [TestCase("s3://bucket/../p", "its prefix has an empty, \".\" or \"..\" segment, a backslash or a control character")]
    public async Task A_malformed_s3_location_is_refused_in_one_line(string location, string why)
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--storage-path", location);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal($"Error: Storage location {location} (from --storage-path) is not a valid S3 location: {why}");
    }
}
