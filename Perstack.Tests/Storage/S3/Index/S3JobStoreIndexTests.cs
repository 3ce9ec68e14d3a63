using Amazon.Runtime;
using GetObjectRequest = Amazon.S3.Model.GetObjectRequest;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.S3;
using Perstack.Storage.S3.Index;
using Perstack.Storage.S3.Leases;
using Perstack.TestKit.Files;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3.Index;

/// <summary>The S3 stores and the bucket's jobs index in one process, each "machine" with its own client and cache, on the real S3 test server.</summary>
[Category(TestCategories.S3)]
public sealed class S3JobStoreIndexTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Two_writers_updating_the_index_at_once_lose_no_entry()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        using var first = Machine(bucket, "a");
        using var second = Machine(bucket, "b");
        (await first.Store.ListAsync()).Items.Should().BeEmpty();
        (await bucket.ReadAsync(BucketJobsIndexObject.Key)).Should().NotBeNull("the first listing created the (empty) index");

        await Task.WhenAll(
            Task.Run(() => CreateJobsAsync(first, "job-a-", 12)),
            Task.Run(() => CreateJobsAsync(second, "job-b-", 12)));

        using var reader = Machine(bucket, "c");
        var listed = (await reader.Store.ListAsync()).Items.Select(j => j.Id.Value).ToList();
        listed.Should().HaveCount(24).And.OnlyHaveUniqueItems();
        var index = BucketJobsIndexCodec.Decode(await BytesAsync(bucket, BucketJobsIndexObject.Key));
        index.Entries.Keys.Select(k => k.Value).Should().BeEquivalentTo(listed, "the listing came from the index, which every writer updated");
    }

    [Test]
    public async Task A_jobs_checkpoint_list_downloads_each_body_once_then_answers_from_the_cache()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var jobId = JobId.Parse("job-fixed-0001");
        var cacheHome = Path.Combine(_temp.Path, "cache");

        using var cold = Machine(bucket, cacheHome, S3SeededBucket.Prefix);
        var firstList = await cold.Checkpoints.ListAsync(jobId);
        using var warm = Machine(bucket, cacheHome, S3SeededBucket.Prefix);
        var secondList = await warm.Checkpoints.ListAsync(jobId);

        firstList.Items.Should().NotBeEmpty();
        cold.Gets.Should().HaveCount(firstList.Items.Count).And.OnlyContain(k => k.Contains("/checkpoints/", StringComparison.Ordinal));
        warm.Gets.Should().BeEmpty("every checkpoint's header is cached under its ETag");
        secondList.Items.Should().BeEquivalentTo(firstList.Items, o => o.WithStrictOrdering());
    }

    private static async Task CreateJobsAsync(TestMachine machine, string prefix, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using var held = await machine.Store.CreateAsync(TestData.Job($"{prefix}{i:00}", startedAt: 1_700_000_000_000 + i));
        }
    }

    private static async Task<byte[]> BytesAsync(S3TestBucket bucket, string key)
    {
        using var client = bucket.Server.CreateClient();
        using var response = await client.GetObjectAsync(bucket.Name, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private TestMachine Machine(S3TestBucket bucket, string name, string prefix = "") => new(bucket, Path.Combine(_temp.Path, name), prefix);

    /// <summary>What one machine opens: its own clients (one observed for object GETs) and cache folder.</summary>
    private sealed class TestMachine : IDisposable
    {
        private readonly List<string> _gets = [];
        private readonly S3JobLeases _leases;

        public TestMachine(S3TestBucket bucket, string cacheHome, string prefix)
        {
            var environment = bucket.Server.ChildEnvironment();
            Func<string, string?> variables = name => environment.TryGetValue(name, out var value) ? value : null;
            var location = S3Location.Parse(bucket.Location(prefix), "test");
            var client = S3ClientFactory.Create(S3Overrides.None, variables);
            ((AmazonServiceClient)client).BeforeRequestEvent += (_, e) =>
            {
                if (e is WebServiceRequestEventArgs { Request: GetObjectRequest get })
                {
                    lock (_gets)
                    {
                        _gets.Add(get.Key);
                    }
                }
            };
            History = new S3History(new S3Bucket(location, client), bucket.Server.Endpoint.ToString(), cacheHome);
            _leases = new S3JobLeases(location, S3ClientFactory.Create(S3Overrides.None, variables), S3LeaseOptions.Default, allowUnsafeWrites: false);
            var writer = S3Writer.Immediate(History.Bucket, _leases);
            Store = new S3JobStore(History, _leases, writer);
            Checkpoints = new S3CheckpointStore(History, writer);
        }

        public S3History History { get; }

        public S3JobStore Store { get; }

        public S3CheckpointStore Checkpoints { get; }

        public IReadOnlyList<string> Gets
        {
            get
            {
                lock (_gets)
                {
                    return [.. _gets];
                }
            }
        }

        public void Dispose()
        {
            Checkpoints.Dispose();
            _leases.Dispose();
            History.Dispose();
        }
    }
}
