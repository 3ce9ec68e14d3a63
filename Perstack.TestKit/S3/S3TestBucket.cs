using Amazon.S3;
using Amazon.S3.Model;

namespace Perstack.TestKit.S3;

/// <summary>A fresh bucket on an <see cref="S3TestServer"/>, for one test.</summary>
internal sealed class S3TestBucket
{
    internal S3TestBucket(S3TestServer server, string name)
    {
        Server = server;
        Name = name;
    }

    /// <summary>The server that holds it.</summary>
    public S3TestServer Server { get; }

    /// <summary>The bucket's name.</summary>
    public string Name { get; }

    /// <summary>The history location <c>s3://bucket/prefix</c> (or the bucket's root), as a user writes it.</summary>
    public string Location(string prefix = "") => prefix.Length == 0 ? $"s3://{Name}" : $"s3://{Name}/{prefix}";

    /// <summary>Every key in the bucket, in key order.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string prefix = "")
    {
        using var client = Server.CreateClient();
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>The object at <paramref name="key"/> as text, or null when there is none.</summary>
    public async Task<string?> ReadAsync(string key)
    {
        using var client = Server.CreateClient();
        try
        {
            using var response = await client.GetObjectAsync(Name, key);
            using var reader = new StreamReader(response.ResponseStream);
            return await reader.ReadToEndAsync();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="body"/> at <paramref name="key"/>.</summary>
    public async Task WriteAsync(string key, string body)
    {
        using var client = Server.CreateClient();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, ContentBody = body, UseChunkEncoding = false });
    }
}
