using FluentAssertions;
using Perstack.Core.Storage.Locations;

namespace Perstack.Tests.Core.Storage.Locations;

public sealed class StorageSettingsTests
{
    private static readonly S3Overrides TomlOverrides = new() { Endpoint = new Uri("http://127.0.0.1:9000"), Region = "auto", ForcePathStyle = true };

    private static Func<string, string?> Environment(string? value) =>
        name => name == StorageSettings.EnvironmentVariable ? value : null;

    [Test]
    public void The_flag_wins_over_the_variable_and_perstack_toml()
    {
        int tomlReads = 0;
        var settings = StorageSettings.Resolve("/from/flag", Environment("/from/env"), () => { tomlReads++; return new StorageTable("/p/perstack.toml", "/from/toml", TomlOverrides); });

        settings.Location.Should().Be(new FolderLocation("/from/flag"));
        settings.Source.Should().Be("--storage-path");
        tomlReads.Should().Be(0, "a folder named by the flag needs nothing from perstack.toml");
    }

    [Test]
    public void The_variable_wins_over_perstack_toml()
    {
        var settings = StorageSettings.Resolve(null, Environment("/from/env"), () => new StorageTable("/p/perstack.toml", "/from/toml", TomlOverrides));

        settings.Location.Should().Be(new FolderLocation("/from/env"));
        settings.Source.Should().Be("PERSTACK_STORAGE_PATH");
    }

    [Test]
    public void Perstack_toml_names_the_location_when_neither_flag_nor_variable_does()
    {
        var settings = StorageSettings.Resolve(null, Environment(null), () => new StorageTable("/p/perstack.toml", "s3://team-bucket/history", TomlOverrides));

        settings.Location.Should().BeOfType<S3Location>().Which.Display.Should().Be("s3://team-bucket/history");
        settings.Source.Should().Be("/p/perstack.toml");
        settings.S3.Should().Be(TomlOverrides);
    }

    [Test]
    public void A_bucket_named_by_the_flag_still_takes_perstack_tomls_endpoint_overrides()
    {
        var settings = StorageSettings.Resolve("s3://team-bucket", Environment(null), () => new StorageTable("/p/perstack.toml", null, TomlOverrides));

        settings.Location.Should().BeOfType<S3Location>();
        settings.S3.Should().Be(TomlOverrides);
    }

    [Test]
    public void Nothing_named_is_the_default_folder()
    {
        var settings = StorageSettings.Resolve(null, Environment(null), () => null);

        settings.Location.Should().Be(new FolderLocation(Path.GetFullPath("perstack")));
        settings.Source.Should().BeNull();
        settings.S3.Should().Be(S3Overrides.None);
    }
}
