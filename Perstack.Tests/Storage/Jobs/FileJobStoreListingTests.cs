using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs;

[TestFixture]
public sealed class FileJobStoreListingTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task ListAsync_lists_every_fixture_job_newest_started_first()
    {
        var stores = new Stores(Fixture.CopyTo(_temp.Path));

        var listing = await stores.Jobs.ListAsync();

        listing.Problems.Should().BeEmpty();
        listing.Items.Select(j => j.Id.Value).Should().Equal(
            "job-fixed-0001",
            "gf13yre28vrnvqtt96gqls80",
            "aajxt79vxz6vvwkfyltr74pc",
            "r5fwacdzy063tewk7tqaxskw",
            "zx1gh1dxk13tzk3lx8vtxyt9");
        listing.Items.Select(j => j.StartedAt).Should().BeInDescendingOrder();
    }

    [Test]
    public async Task ListAsync_returns_each_fixture_job_as_its_job_json_reads()
    {
        var stores = new Stores(Fixture.CopyTo(_temp.Path));

        var listing = await stores.Jobs.ListAsync();

        foreach (var job in listing.Items)
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(stores.Layout.JobFile(job.Id)), PerstackJson.JobIndented);
            job.Should().Be(file);
        }

        var aajx = listing.Items.Single(j => j.Id.Value == "aajxt79vxz6vvwkfyltr74pc");
        aajx.Status.Should().Be(JobStatus.Completed);
        aajx.CoordinatorExpertKey.Should().Be("fake-basic");
        aajx.TotalSteps.Should().Be(3);
        aajx.MaxSteps.Should().Be(1);
        aajx.Usage.Should().Be(new Usage { InputTokens = 1350, OutputTokens = 100, TotalTokens = 1450 });
        aajx.StartedAt.Should().Be(1795738479184);
        aajx.FinishedAt.Should().Be(1795738484577);
    }

    [Test]
    public async Task ListAsync_orders_jobs_started_at_the_same_time_by_id()
    {
        var stores = new Stores(_temp.Path);
        foreach (var (id, startedAt) in new[] { ("b-job", 2000L), ("z-old", 1000L), ("c-job", 2000L), ("0-new", 3000L), ("a-job", 2000L) })
        {
            await stores.Jobs.SaveAsync(TestData.Job(id, startedAt));
        }

        var listing = await stores.Jobs.ListAsync();

        listing.Items.Select(j => j.Id.Value).Should().Equal("0-new", "a-job", "b-job", "c-job", "z-old");
    }

    [Test]
    public async Task ListAsync_of_a_store_that_does_not_exist_is_empty()
    {
        var stores = new Stores(Path.Combine(_temp.Path, "nothing-here"));

        var listing = await stores.Jobs.ListAsync();

        listing.Items.Should().BeEmpty();
        listing.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task GetAsync_returns_the_saved_job_and_null_for_an_unknown_one()
    {
        var stores = new Stores(_temp.Path);
        var job = TestData.Job("my-job");
        await stores.Jobs.SaveAsync(job);

        (await stores.Jobs.GetAsync(job.Id)).Should().Be(job);
        (await stores.Jobs.GetAsync(JobId.Parse("other-job"))).Should().BeNull();
    }
}
