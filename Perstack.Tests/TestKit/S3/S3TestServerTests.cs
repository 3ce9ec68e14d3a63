using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FluentAssertions;
using Perstack.TestKit.S3;

namespace Perstack.Tests.TestKit.S3;

/// <summary>
/// What the S3 test server really does, through the AWS SDK for .NET the product uses: the operations the S3 store
/// needs, conditional writes (honoured by one server, ignored by the other), whole-object uploads, and which errors
/// it gives for a missing bucket and an unknown key. docs/storage.md states these findings.
/// </summary>
[Category(TestCategories.S3)]
public sealed class S3TestServerTests
{
    [Test]
    public async Task It_serves_put_get_head_copy_list_and_delete_through_the_sdk()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        using var client = bucket.Server.CreateClient();
        for (int i = 0; i < 5; i++)
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = $"jobs/j{i}/job.json", ContentBody = $"{{\"i\":{i}}}", ContentType = "application/json", UseChunkEncoding = false });
        }

        (await bucket.ReadAsync("jobs/j3/job.json")).Should().Be("{\"i\":3}");
        var head = await client.GetObjectMetadataAsync(bucket.Name, "jobs/j3/job.json");
        head.ETag.Should().StartWith("\"");
        head.LastModified.Should().NotBeNull();
        await client.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket.Name, SourceKey = "jobs/j3/job.json", DestinationBucket = bucket.Name, DestinationKey = "copy.json" });
        (await bucket.ReadAsync("copy.json")).Should().Be("{\"i\":3}");

        var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Name, Prefix = "jobs/", MaxKeys = 2 });
        page.S3Objects.Should().HaveCount(2);
        page.IsTruncated.Should().BeTrue();
        var delimited = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Name, Prefix = "jobs/", Delimiter = "/" });
        delimited.CommonPrefixes.Should().HaveCount(5);
        (await bucket.KeysAsync("jobs/")).Should().HaveCount(5);

        await client.DeleteObjectAsync(bucket.Name, "copy.json");
        await client.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket.Name,
            Objects = [new KeyVersion { Key = "jobs/j0/job.json" }, new KeyVersion { Key = "jobs/j1/job.json" }],
        });
        (await bucket.KeysAsync()).Should().Equal("jobs/j2/job.json", "jobs/j3/job.json", "jobs/j4/job.json");
    }

    [Test]
    public async Task The_shared_server_honours_if_none_match_and_if_match_on_put()
    {
        var server = await S3TestServer.SharedAsync();
        server.HonoursConditionalWrites.Should().BeTrue();
        var bucket = await server.CreateBucketAsync();
        using var client = server.CreateClient();

        var first = await client.PutObjectAsync(Conditional(bucket, "lease", "one", ifNoneMatch: "*"));
        var again = async () => await client.PutObjectAsync(Conditional(bucket, "lease", "two", ifNoneMatch: "*"));
        (await again.Should().ThrowAsync<AmazonS3Exception>()).Which.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);

        var stale = async () => await client.PutObjectAsync(Conditional(bucket, "lease", "three", ifMatch: "\"0123456789abcdef0123456789abcdef\""));
        (await stale.Should().ThrowAsync<AmazonS3Exception>()).Which.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        await client.PutObjectAsync(Conditional(bucket, "lease", "four", ifMatch: first.ETag));
        (await bucket.ReadAsync("lease")).Should().Be("four");

        var missing = async () => await client.PutObjectAsync(Conditional(bucket, "none", "x", ifMatch: first.ETag));
        (await missing.Should().ThrowAsync<AmazonS3Exception>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Racing_creators_with_if_none_match_have_exactly_one_winner()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = bucket.Server.CreateClient();
            try
            {
                await client.PutObjectAsync(Conditional(bucket, "race", $"writer {i}", ifNoneMatch: "*"));
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return false;
            }
        });

        (await Task.WhenAll(attempts)).Count(won => won).Should().Be(1);
    }

    [Test]
    public async Task The_plain_server_ignores_conditional_writes()
    {
        var server = await S3TestServer.WithoutConditionalWritesAsync();
        server.HonoursConditionalWrites.Should().BeFalse();
        var bucket = await server.CreateBucketAsync();
        using var client = server.CreateClient();

        await client.PutObjectAsync(Conditional(bucket, "lease", "one", ifNoneMatch: "*"));
        await client.PutObjectAsync(Conditional(bucket, "lease", "two", ifNoneMatch: "*"));

        (await bucket.ReadAsync("lease")).Should().Be("two");
    }

    [Test]
    public async Task A_missing_bucket_and_an_unknown_access_key_are_refused()
    {
        var server = await S3TestServer.SharedAsync();
        using var client = server.CreateClient();
        var noBucket = async () => await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "no-such-bucket-here" });
        (await noBucket.Should().ThrowAsync<AmazonS3Exception>()).Which.ErrorCode.Should().Be("NoSuchBucket");

        var bucket = await server.CreateBucketAsync();
        using var stranger = server.CreateClient(accessKeyId: "AKIANOBODY");
        var unknownKey = async () => await stranger.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Name });
        (await unknownKey.Should().ThrowAsync<AmazonS3Exception>()).Which.ErrorCode.Should().Be("InvalidAccessKeyId");
    }

    [Test]
    public async Task An_upload_cut_off_midway_stores_nothing()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(bucket.Server.Endpoint.Host, bucket.Server.Endpoint.Port);
            var stream = socket.GetStream();
            var head = $"PUT /{bucket.Name}/jobs/j/job.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + $"Authorization: AWS4-HMAC-SHA256 Credential={S3TestServer.AccessKeyId}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0\r\n"
                + "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\nx-amz-date: 20260101T000000Z\r\nContent-Length: 1000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head + new string('x', 300)));
            await stream.FlushAsync();
            await Task.Delay(200);
        }

        await Task.Delay(300);
        (await bucket.KeysAsync()).Should().BeEmpty();
    }

    private static PutObjectRequest Conditional(S3TestBucket bucket, string key, string body, string? ifNoneMatch = null, string? ifMatch = null) =>
        new()
        {
            BucketName = bucket.Name,
            Key = key,
            ContentBody = body,
            UseChunkEncoding = false,
            IfNoneMatch = ifNoneMatch,
            IfMatch = ifMatch,
        };
}
