using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3;

/// <summary>Shell completion of job and checkpoint ids (<c>perstack [suggest:N] "line"</c>) on a bucket of the real S3 test server.</summary>
[Category(TestCategories.S3)]
public sealed class S3CompletionTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Job_ids_complete_from_the_bucket_named_by_storage_path_or_the_variable()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache"));
        var location = bucket.Location(S3SeededBucket.Prefix);
        var withoutVariable = new Dictionary<string, string>(environment);
        withoutVariable.Remove("PERSTACK_STORAGE_PATH");

        (await SuggestAsync($"perstack jobs show --storage-path {location} ", withoutVariable))
            .Should().BeEquivalentTo(["gf13yre28vrnvqtt96gqls80", "job-fixed-0001", "aajxt79vxz6vvwkfyltr74pc", "r5fwacdzy063tewk7tqaxskw", "zx1gh1dxk13tzk3lx8vtxyt9"]);
        (await SuggestAsync("perstack run --continue-job gf", environment)).Should().Equal("gf13yre28vrnvqtt96gqls80");
        (await SuggestAsync("perstack log --job job-", environment)).Should().Equal("job-fixed-0001");
    }

    [Test]
    public async Task Checkpoint_ids_complete_from_the_bucket()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache"));

        (await SuggestAsync("perstack run --continue-job gf13yre28vrnvqtt96gqls80 --resume-from ", environment))
            .Should().BeEquivalentTo(["ntt9ltvvc2kq9si820pkiib1", "b332u04gln44g0rpogz5ioe4", "rbl9onz9mhpvvno3zj3afdbl", "yw9btho82skvsne8l9e29v8o"]);
        (await SuggestAsync("perstack jobs fork gf13yre28vrnvqtt96gqls80 --from yw", environment)).Should().Equal("yw9btho82skvsne8l9e29v8o");
        (await SuggestAsync("perstack run --continue-job nosuchjob --resume-from ", environment)).Should().BeEmpty();
    }

    [Test]
    public async Task A_bucket_that_cannot_be_read_completes_nothing_and_prints_no_error()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var missing = S3SeededBucket.Environment(bucket);
        missing["PERSTACK_STORAGE_PATH"] = "s3://no-such-bucket-perstack/p";
        var refused = new Dictionary<string, string>(bucket.Server.ChildEnvironment(accessKeyId: "UNKNOWNKEY")) { ["PERSTACK_STORAGE_PATH"] = bucket.Location(S3SeededBucket.Prefix) };
        var unreachable = new Dictionary<string, string>(S3SeededBucket.Environment(bucket)) { ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9" };

        foreach (var environment in new[] { missing, refused, unreachable })
        {
            var result = await SuggestResultAsync("perstack jobs show ", environment);
            result.ExitCode.Should().Be(0);
            result.Error.Should().BeEmpty();
            result.OutputLines.Where(IsNotAnOption).Should().BeEmpty();
        }
    }

    [Test]
    [Category(TestCategories.ChildProcess)]
    public async Task Ids_complete_from_the_bucket_perstack_toml_names_in_a_real_process()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var project = Directory.CreateDirectory(Path.Combine(_temp.Path, "project", "sub")).Parent!.FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "perstack.toml"),
            $"[storage]\npath = \"{bucket.Location(S3SeededBucket.Prefix)}\"\nendpoint = \"{bucket.Server.Endpoint.ToString().TrimEnd('/')}\"\n");
        var environment = new Dictionary<string, string>(bucket.Server.ChildEnvironment(new Uri("http://127.0.0.1:9")))
        {
            ["XDG_CACHE_HOME"] = Path.Combine(_temp.Path, "cache"),
        };
        const string line = "perstack jobs show gf";

        var result = await PerstackProcess.RunAsync(Path.Combine(project, "sub"), environment, $"[suggest:{line.Length}]", line);

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().BeEmpty();
        result.OutputLines.Where(IsNotAnOption).Should().Equal("gf13yre28vrnvqtt96gqls80");
        Directory.EnumerateFileSystemEntries(project).Select(Path.GetFileName).Should().BeEquivalentTo(["perstack.toml", "sub"], "completion writes no history");
    }

    private static async Task<string[]> SuggestAsync(string line, IReadOnlyDictionary<string, string> environment)
    {
        var result = await SuggestResultAsync(line, environment);
        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().BeEmpty();
        return result.OutputLines.Where(IsNotAnOption).ToArray();
    }

    private static bool IsNotAnOption(string candidate) => !candidate.StartsWith('-') && !candidate.StartsWith('/');

    private static Task<CliResult> SuggestResultAsync(string line, IReadOnlyDictionary<string, string> environment) =>
        CliRunner.RunAsync(environment, $"[suggest:{line.Length}]", line);
}
