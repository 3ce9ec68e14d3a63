using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs;

public sealed class FileJobFilesTests
{
    private TempDirectory _temp = null!;
    private Stores _stores = null!;
    private FileJobFiles _files = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(Path.Combine(_temp.Path, "perstack"));
        _files = new FileJobFiles(_stores.Layout);
    }

    [TearDown]
    public void TearDown()
    {
        _stores.Checkpoints.Dispose();
        _temp.Dispose();
    }

    private static JobContents Contents(string id)
    {
        var jobId = JobId.Parse(id);
        var runId = RunId.Parse("run-1");
        return new JobContents
        {
            Job = TestData.Job(id) with { Title = "A title", ForkedFrom = new JobOrigin { JobId = JobId.Parse("origin"), CheckpointId = CheckpointId.Parse("cp0") } },
            Checkpoints = [TestData.Checkpoint(jobId, 1, "cp1") with { Sequence = 7 }, TestData.Checkpoint(jobId, 2, "cp2")],
            RunSettings = [TestData.RunSetting(jobId, runId, new Dictionary<string, string> { ["SECRET"] = "value" })],
            Events = [TestData.StartGeneration(jobId, runId, 1000, 1, "e1"), TestData.StartGeneration(jobId, runId, 1000, 1, "e2")],
        };
    }

    [Test]
    public async Task Create_writes_a_whole_job_the_stores_read_back_as_given()
    {
        var contents = Contents("created");

        await _files.CreateAsync(contents);

        var jobId = contents.Job.Id;
        var job = await _stores.Jobs.GetAsync(jobId);
        job.Should().BeEquivalentTo(contents.Job);
        job!.Title.Should().Be("A title");
        job.ForkedFrom!.JobId.Value.Should().Be("origin");
        (await _stores.Checkpoints.GetAsync(jobId, CheckpointId.Parse("cp1")))!.Sequence.Should().Be(7, "sequence numbers are kept as given");
        (await _stores.Checkpoints.GetAsync(jobId, CheckpointId.Parse("cp2")))!.Sequence.Should().BeNull();
        var listing = await _stores.Checkpoints.ListAsync(jobId);
        listing.Items.Select(c => c.Id.Value).Should().Equal("cp1", "cp2");
        listing.Problems.Should().BeEmpty();
        (await _stores.RunSettings.GetAsync(jobId, RunId.Parse("run-1")))!.Env.Should().BeEmpty("environment values are never written");
        (await _stores.Events.ListAsync(jobId, RunId.Parse("run-1"))).Items.Should().HaveCount(2, "events sharing a name are both kept");
        Directory.GetDirectories(_stores.Layout.JobsDirectory).Should().ContainSingle("the staging folder is gone");
    }

    [Test]
    public async Task Create_refuses_an_existing_job_and_leaves_it_alone()
    {
        await _stores.Jobs.SaveAsync(TestData.Job("taken"));
        var before = await File.ReadAllTextAsync(_stores.Layout.JobFile(JobId.Parse("taken")));

        var act = () => _files.CreateAsync(Contents("taken"));

        (await act.Should().ThrowAsync<PerstackException>()).WithMessage("Job taken already exists");
        (await File.ReadAllTextAsync(_stores.Layout.JobFile(JobId.Parse("taken")))).Should().Be(before);
        Directory.GetDirectories(_stores.Layout.JobsDirectory).Should().ContainSingle();
    }

    [Test]
    public async Task Create_refuses_contents_naming_another_job_before_writing()
    {
        var contents = Contents("mixed");
        contents = contents with { Checkpoints = [.. contents.Checkpoints, TestData.Checkpoint(JobId.Parse("other"), 3, "cp3")] };

        var act = () => _files.CreateAsync(contents);

        (await act.Should().ThrowAsync<PerstackException>()).WithMessage("Cannot store job mixed: checkpoint cp3 belongs to job other, not mixed");
        Directory.Exists(_stores.Layout.JobsDirectory).Should().BeFalse();
    }

    [Test]
    public async Task Size_and_existence_reflect_the_folder()
    {
        var jobId = JobId.Parse("sized");
        _files.Exists(jobId).Should().BeFalse();
        _files.SizeOnDisk(jobId).Should().Be(0);

        await _files.CreateAsync(Contents("sized"));

        _files.Exists(jobId).Should().BeTrue();
        long expected = Directory.EnumerateFiles(_stores.Layout.JobDirectory(jobId), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        _files.SizeOnDisk(jobId).Should().Be(expected).And.BeGreaterThan(1000);
    }
}
