using Perstack.Core.Storage.Locations;
using Perstack.Storage.S3;
using Perstack.Storage.S3.Leases;
using Perstack.TestKit.Files;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3;

/// <summary>A fresh bucket holding a copy of a history folder under a prefix: every file's relative path is its key.</summary>
internal static class S3SeededBucket
{
    public const string Prefix = "team/history";

    public static async Task<S3TestBucket> CreateAsync(string? folder = null, S3TestServer? server = null)
    {
        var bucket = await (server ?? await S3TestServer.SharedAsync()).CreateBucketAsync();
        var root = folder ?? Fixture.Root;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(root, file).Replace('\\', '/');
            await bucket.WriteAsync($"{Prefix}/{key}", await File.ReadAllTextAsync(file));
        }

        return bucket;
    }

    /// <summary>The environment of a command on <paramref name="bucket"/> (the server, its credentials, no cache unless given).</summary>
    public static Dictionary<string, string> Environment(S3TestBucket bucket, string? cacheHome = null)
    {
        var environment = new Dictionary<string, string>(bucket.Server.ChildEnvironment()) { ["PERSTACK_STORAGE_PATH"] = bucket.Location(Prefix) };
        if (cacheHome is not null)
        {
            environment["XDG_CACHE_HOME"] = cacheHome;
        }

        return environment;
    }

    /// <summary>The leases of another machine on the history at <paramref name="prefix"/> of <paramref name="bucket"/> (its own client, default lease).</summary>
    public static S3JobLeases OtherMachine(S3TestBucket bucket, string prefix = Prefix)
    {
        var environment = bucket.Server.ChildEnvironment();
        var client = S3ClientFactory.Create(S3Overrides.None, name => environment.TryGetValue(name, out var value) ? value : null);
        return new S3JobLeases(S3Location.Parse(bucket.Location(prefix), "test"), client, S3LeaseOptions.Default, allowUnsafeWrites: false);
    }
}
