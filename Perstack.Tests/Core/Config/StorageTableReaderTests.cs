using FluentAssertions;
using Perstack.Core.Config;
using Perstack.Core.Storage.Locations;

namespace Perstack.Tests.Core.Config;

public sealed class StorageTableReaderTests
{
    [Test]
    public void Reads_the_storage_table_with_its_s3_overrides()
    {
        var table = StorageTableReader.Parse(
            """
            model = "x"
            [storage]
            path = "s3://team-bucket/history"
            endpoint = "https://account.r2.cloudflarestorage.com"
            region = "auto"
            forcePathStyle = true
            allowUnsafeWrites = true
            """,
            "/project/perstack.toml");

        table.Should().Be(new StorageTable("/project/perstack.toml", "s3://team-bucket/history", new S3Overrides
        {
            Endpoint = new Uri("https://account.r2.cloudflarestorage.com"),
            Region = "auto",
            ForcePathStyle = true,
            AllowUnsafeWrites = true,
        }));
    }

    [Test]
    public void A_relative_folder_is_relative_to_perstack_toml()
    {
        var table = StorageTableReader.Parse("[storage]\npath = \"history\"\n", "/project/perstack.toml");

        table!.Path.Should().Be(Path.GetFullPath("/project/history"));
    }

    [Test]
    public void No_storage_table_is_null()
    {
        StorageTableReader.Parse("model = \"x\"\n", "/project/perstack.toml").Should().BeNull();
    }

    [TestCase("[storage]\nendpoint = \"ftp://x\"\n", "storage.endpoint: Invalid URL")]
    [TestCase("[storage]\nbucket = \"x\"\n", "storage: Unrecognized key \"bucket\"")]
    [TestCase("[storage]\nforcePathStyle = \"yes\"\n", "storage.forcePathStyle")]
    [TestCase("storage = 3\n", "storage")]
    public void A_bad_table_is_refused(string toml, string problem)
    {
        var act = () => StorageTableReader.Parse(toml, "/project/perstack.toml");

        act.Should().Throw<PerstackConfigException>().Which.Message.Should().Contain(problem);
    }
}
