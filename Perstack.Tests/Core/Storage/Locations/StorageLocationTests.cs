using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;

namespace Perstack.Tests.Core.Storage.Locations;

public sealed class StorageLocationTests
{
    [TestCase("s3://my-bucket/team/history", "my-bucket", "team/history")]
    [TestCase("s3://my-bucket/team/history/", "my-bucket", "team/history")]
    [TestCase("s3://my-bucket", "my-bucket", "")]
    [TestCase("s3://my-bucket/", "my-bucket", "")]
    [TestCase("S3://my.bucket-1/p", "my.bucket-1", "p")]
    public void An_s3_url_is_a_bucket_and_prefix(string text, string bucket, string prefix)
    {
        var location = StorageLocation.Parse(text, "--storage-path");

        location.Should().BeOfType<S3Location>();
        var s3 = (S3Location)location;
        s3.Bucket.Should().Be(bucket);
        s3.Prefix.Should().Be(prefix);
        s3.KeyPrefix.Should().Be(prefix.Length == 0 ? "" : prefix + "/");
        s3.Display.Should().Be(prefix.Length == 0 ? $"s3://{bucket}" : $"s3://{bucket}/{prefix}");
    }

    [TestCase("perstack")]
    [TestCase("./a/b")]
    [TestCase("/tmp/history")]
    [TestCase("C:history")]
    public void Anything_without_a_scheme_is_a_folder_made_absolute(string text)
    {
        var location = StorageLocation.Parse(text, "--storage-path");

        location.Should().Be(new FolderLocation(Path.GetFullPath(text)));
    }

    [TestCase("gs://bucket/prefix", "gs:")]
    [TestCase("http://127.0.0.1:9000/bucket", "http:")]
    [TestCase("https://bucket.s3.amazonaws.com/p", "https:")]
    [TestCase("file:/tmp/history", "file:")]
    [TestCase("s3:bucket/prefix", "s3:")]
    [TestCase("az://container", "az:")]
    public void Any_other_scheme_is_refused_in_one_line(string text, string scheme)
    {
        var act = () => StorageLocation.Parse(text, "--storage-path");

        act.Should().Throw<PerstackException>()
            .Which.Message.Should().Be(
                $"Error: Storage location {text} (from --storage-path) has the scheme {scheme}, which Perstack does not serve; "
                + $"use a folder or s3://bucket/prefix (for a folder whose name has a colon, write ./{text})");
    }

    [TestCase("s3://", "it names no bucket")]
    [TestCase("s3:///prefix", "it names no bucket")]
    [TestCase("s3://ab/p", "ab is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")]
    [TestCase("s3://My_Bucket/p", "My_Bucket is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")]
    [TestCase("s3://-bucket/p", "-bucket is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")]
    [TestCase("s3://a..b/p", "a..b is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")]
    [TestCase("s3://192.168.1.1/p", "192.168.1.1 is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")]
    [TestCase("s3://bucket/../other", "its prefix has an empty, \".\" or \"..\" segment, a backslash or a control character")]
    [TestCase("s3://bucket/a/../b", "its prefix has an empty, \".\" or \"..\" segment, a backslash or a control character")]
    [TestCase("s3://bucket/a//b", "its prefix has an empty, \".\" or \"..\" segment, a backslash or a control character")]
    [TestCase("s3://bucket/./b", "its prefix has an empty, \".\" or \"..\" segment, a backslash or a control character")]
    [TestCase("s3://bucket/a\\b", "its prefix has an empty, \".\" or \"..\" segment, a backslash or a control character")]
    public void A_malformed_s3_url_is_refused_in_one_line(string text, string why)
    {
        var act = () => StorageLocation.Parse(text, "PERSTACK_STORAGE_PATH");

        act.Should().Throw<PerstackException>()
            .Which.Message.Should().Be($"Error: Storage location {text} (from PERSTACK_STORAGE_PATH) is not a valid S3 location: {why}");
    }
}
