using FluentAssertions;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class ConfigFileLocatorTests
{
    private const string Toml = "model = \"m\"\n[experts.\"x\"]\ninstruction = \"i\"\n";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private string Dir(params string[] parts)
    {
        var path = Path.Combine([_temp.Path, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Finds_the_file_in_the_working_directory()
    {
        var toml = Write(_temp.Path, "perstack.toml", Toml);

        ConfigFileLocator.Locate(_temp.Path, null).Should().Be(toml);
    }

    [Test]
    public void Searches_upward_and_takes_the_nearest()
    {
        Write(_temp.Path, "perstack.toml", "model = \"outer\"");
        var middle = Dir("a");
        var nearest = Write(middle, "perstack.toml", "model = \"inner\"");
        var deep = Dir("a", "b", "c");

        ConfigFileLocator.Locate(deep, null).Should().Be(nearest);
        var config = ConfigFileLocator.Load(deep, null);
        config.Model.Should().Be("inner");
        config.SourcePath.Should().Be(nearest);
    }

    [Test]
    public void A_directory_named_perstack_toml_is_not_a_config()
    {
        var outer = Write(_temp.Path, "perstack.toml", Toml);
        var inner = Dir("sub");
        Dir("sub", "perstack.toml");

        ConfigFileLocator.Locate(inner, null).Should().Be(outer);
    }

    [Test]
    public void None_found_up_to_the_root_is_an_error()
    {
        for (var d = new DirectoryInfo(_temp.Path); d is not null; d = d.Parent)
        {
            Assume.That(File.Exists(Path.Combine(d.FullName, "perstack.toml")), Is.False, $"a perstack.toml exists in {d.FullName}");
        }

        FluentActions.Invoking(() => ConfigFileLocator.Locate(Dir("x", "y"), null))
            .Should().Throw<PerstackException>().WithMessage("perstack.toml not found. Create one or specify --config path.");
    }

    [Test]
    public void Explicit_path_is_relative_to_the_working_directory()
    {
        var configs = Dir("configs");
        var custom = Write(configs, "custom.toml", Toml);
        var work = Dir("work");
        Write(work, "perstack.toml", "model = \"ignored\"");

        ConfigFileLocator.Locate(work, "../configs/custom.toml").Should().Be(custom);
        ConfigFileLocator.Load(work, "../configs/custom.toml").Model.Should().Be("m");
    }

    [Test]
    public void Explicit_absolute_path_is_used_as_is()
    {
        var custom = Write(Dir("elsewhere"), "team.toml", Toml);

        ConfigFileLocator.Locate(Dir("work"), custom).Should().Be(custom);
    }

    [TestCase("missing.toml")]
    [TestCase("configs")]
    [TestCase("")]
    public void Explicit_path_that_is_not_a_file_is_an_error(string given)
    {
        Dir("configs");
        Write(_temp.Path, "perstack.toml", Toml);

        FluentActions.Invoking(() => ConfigFileLocator.Load(_temp.Path, given))
            .Should().Throw<PerstackException>().Which.Message.Should().Be($"Given config path \"{given}\" is not found");
    }

    [Test]
    public void Parse_errors_surface_from_load()
    {
        Write(_temp.Path, "perstack.toml", "[experts.\"x\"]\n");

        FluentActions.Invoking(() => ConfigFileLocator.Load(_temp.Path, null))
            .Should().Throw<PerstackConfigException>()
            .WithMessage("perstack.toml: Validation failed:\n  - experts.x.instruction: Required");
    }
}
