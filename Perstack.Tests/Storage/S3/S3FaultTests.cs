using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.S3;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3;

/// <summary>
/// The S3 client as the product makes it (<see cref="S3ClientFactory"/>: standard retries with backoff) through a
/// fault-injecting proxy in front of the real test server: passing faults are retried away; lasting ones, a missing
/// bucket and credentials the server refuses end in one line, never a stack trace.
/// </summary>
[Category(TestCategories.S3)]
public sealed class S3FaultTests
{
    [Test]
    public async Task Throttling_and_dropped_connections_that_pass_are_retried_with_backoff()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        await using var proxy = new FaultyS3Proxy(bucket.Server.Endpoint);
        using var store = Bucket(bucket, proxy.Endpoint);

        proxy.Mode = FaultyS3Proxy.Fault.SlowDown;
        proxy.FailNext(2);
        await store.PutAsync("jobs/j1/job.json", "{}"u8.ToArray(), CancellationToken.None);
        proxy.Mode = FaultyS3Proxy.Fault.Reset;
        proxy.FailNext(2);
        var read = await store.GetAsync("jobs/j1/job.json", CancellationToken.None);

        read!.Value.Content.Should().Equal("{}"u8.ToArray());
        // Two throttled attempts and the one that passed; the read then reuses that kept-alive connection.
        proxy.Connections.Should().BeGreaterThanOrEqualTo(3);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_read_that_meets_an_object_being_overwritten_is_made_again(bool cutShort)
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        await using var proxy = new FaultyS3Proxy(bucket.Server.Endpoint) { Mode = cutShort ? FaultyS3Proxy.Fault.ShortBody : FaultyS3Proxy.Fault.TornBody };
        using (var writer = Bucket(bucket, bucket.Server.Endpoint))
        {
            // Written past the proxy, so the reader's first connection is a new one and meets the fault.
            await writer.PutAsync("jobs/j1/job.json", "{\"id\":\"j1\"}"u8.ToArray(), CancellationToken.None);
        }

        using var store = Bucket(bucket, proxy.Endpoint);
        proxy.FailNext(2);
        var read = await store.GetAsync("jobs/j1/job.json", CancellationToken.None);

        read!.Value.Content.Should().Equal("{\"id\":\"j1\"}"u8.ToArray());
        proxy.Connections.Should().Be(3);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_body_that_never_comes_whole_ends_in_one_line(bool cutShort)
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        await using var proxy = new FaultyS3Proxy(bucket.Server.Endpoint) { Mode = cutShort ? FaultyS3Proxy.Fault.ShortBody : FaultyS3Proxy.Fault.TornBody };
        using var store = Bucket(bucket, proxy.Endpoint);
        proxy.FailNext(int.MaxValue);

        var read = async () => await store.GetAsync("jobs/j1/job.json", CancellationToken.None);

        var message = (await read.Should().ThrowAsync<PerstackException>()).Which.Message;
        message.Should().StartWith($"Error: Cannot read s3://{bucket.Name}/jobs/j1/job.json: ").And.NotContain("\n");
        proxy.Connections.Should().Be(1 + WholeObjectReader.TornReadRetries);
    }

    [TestCase(true, "the server is throttling requests (SlowDown), still after 4 retries")]
    [TestCase(false, ": ")] // a cut connection reads as a socket error or as a response that ended early: either, in one line
    public async Task A_lasting_fault_ends_in_one_line_after_the_retries(bool throttled, string why)
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        await using var proxy = new FaultyS3Proxy(bucket.Server.Endpoint) { Mode = throttled ? FaultyS3Proxy.Fault.SlowDown : FaultyS3Proxy.Fault.Reset };
        using var store = Bucket(bucket, proxy.Endpoint);
        proxy.FailNext(int.MaxValue);

        var write = async () => await store.PutAsync("jobs/j1/job.json", "{}"u8.ToArray(), CancellationToken.None);

        var message = (await write.Should().ThrowAsync<PerstackException>()).Which.Message;
        message.Should().StartWith($"Error: Cannot write s3://{bucket.Name}/jobs/j1/job.json: ").And.Contain(why);
        message.Should().NotContain("\n").And.NotContain(" at ");
        if (throttled)
        {
            proxy.Connections.Should().Be(1 + S3ClientFactory.MaxRetries);
        }
    }

    [Test]
    public async Task A_missing_bucket_and_an_unknown_access_key_end_in_one_line()
    {
        var server = await S3TestServer.SharedAsync();
        using var missing = Bucket("s3://no-such-bucket-here", server.Endpoint, S3TestServer.AccessKeyId);
        var list = async () => await missing.ListAsync("jobs/", CancellationToken.None);
        (await list.Should().ThrowAsync<PerstackException>()).Which.Message.Should()
            .Be("Error: Cannot list s3://no-such-bucket-here/jobs/: the bucket no-such-bucket-here does not exist");

        // The test server checks access key ids, not signatures: a wrong secret would be accepted there.
        var bucket = await server.CreateBucketAsync();
        using var stranger = Bucket(bucket.Location(), server.Endpoint, "AKIANOBODY");
        var read = async () => await stranger.GetAsync("jobs/j1/job.json", CancellationToken.None);
        (await read.Should().ThrowAsync<PerstackException>()).Which.Message.Should()
            .Be($"Error: Cannot read s3://{bucket.Name}/jobs/j1/job.json: the server refused the credentials (InvalidAccessKeyId); check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the profile");
    }

    private static S3Bucket Bucket(S3TestBucket bucket, Uri endpoint) => Bucket(bucket.Location(), endpoint, S3TestServer.AccessKeyId);

    private static S3Bucket Bucket(string location, Uri endpoint, string accessKeyId)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_S3"] = endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = accessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = S3TestServer.SecretAccessKey,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        var client = S3ClientFactory.Create(S3Overrides.None, name => environment.GetValueOrDefault(name));
        return new S3Bucket(S3Location.Parse(location, "test"), client);
    }
}
