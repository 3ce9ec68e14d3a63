using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Jobs;

/// <summary><c>perstack jobs list</c> prints the same whether the jobs index is there, missing or stale.</summary>
public sealed class JobsListIndexTests
{
    private TempDirectory _temp = null!;
    private string _store = null!;
    private Stores _stores = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _store = Fixture.CopyTo(Path.Combine(_temp.Path, "perstack"));
        _stores = new Stores(_store, _temp.CacheHome);
        await _stores.Jobs.SaveAsync(TestData.Job("job-with-title", startedAt: 1_900_000_000_000) with { Title = "Tïtle 🎉" });

        // Builds an index that trusts every file (a clock an hour ahead), which the CLI then reads.
        await new FileJobStore(_stores.Layout, _stores.Locks, new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1))).ListAsync();
        File.Exists(_stores.Layout.Cache.JobsIndexFile!).Should().BeTrue();
    }

    /// <summary>The CLI's environment: its cache is the one the set-up built.</summary>
    private Dictionary<string, string> Environment => new() { ["XDG_CACHE_HOME"] = _temp.CacheHome };

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("--json")]
    [TestCase("--limit", "3")]
    [TestCase("--json", "--status", "completed", "--limit", "2")]
    public async Task Output_is_identical_with_and_without_the_index(params string[] options)
    {
        var withIndex = await CliRunner.RunAsync(Environment, ["jobs", "list", "--storage-path", _store, .. options]);
        File.Delete(_stores.Layout.Cache.JobsIndexFile!);
        var withoutIndex = await CliRunner.RunAsync(Environment, ["jobs", "list", "--storage-path", _store, .. options]);

        withIndex.ExitCode.Should().Be(0);
        withIndex.Output.Should().NotBeEmpty().And.Be(withoutIndex.Output);
        withIndex.Error.Should().Be(withoutIndex.Error);
    }

    [Test]
    public async Task A_title_set_after_the_index_was_built_shows()
    {
        var result = await CliRunner.RunAsync(Environment, "jobs", "title", "job-with-title", "New title", "--storage-path", _store);
        result.ExitCode.Should().Be(0, result.Error);

        var listing = await CliRunner.RunAsync(Environment, "jobs", "list", "--storage-path", _store);

        listing.OutputLines[0].Should().EndWith("\"New title\"");
    }
}
