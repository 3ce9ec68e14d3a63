using FluentAssertions;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class EnvFileLoaderTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_temp.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static PerstackConfig ConfigWithEnvPath(params string[] envPath) => new() { SourcePath = "/x/perstack.toml", EnvPath = envPath };

    [Test]
    public void Defaults_are_dot_env_then_dot_env_local()
    {
        EnvFileLoader.ResolvePaths(_temp.Path, null, null)
            .Should().Equal(Path.Combine(_temp.Path, ".env"), Path.Combine(_temp.Path, ".env.local"));
    }

    [Test]
    public void Toml_env_path_replaces_the_defaults()
    {
        EnvFileLoader.ResolvePaths(_temp.Path, null, ConfigWithEnvPath("config/.env", "/abs/.env"))
            .Should().Equal(Path.Combine(_temp.Path, "config", ".env"), "/abs/.env");
    }

    [Test]
    public void Toml_without_env_path_keeps_the_defaults()
    {
        EnvFileLoader.ResolvePaths(_temp.Path, null, new PerstackConfig { SourcePath = "/x/perstack.toml" })
            .Should().HaveCount(2);
    }

    [Test]
    public void Option_wins_over_toml()
    {
        EnvFileLoader.ResolvePaths(_temp.Path, ["a.env", "b.env"], ConfigWithEnvPath("toml.env"))
            .Should().Equal(Path.Combine(_temp.Path, "a.env"), Path.Combine(_temp.Path, "b.env"));
    }

    [Test]
    public void Empty_option_list_counts_as_not_given()
    {
        EnvFileLoader.ResolvePaths(_temp.Path, [], ConfigWithEnvPath("toml.env"))
            .Should().Equal(Path.Combine(_temp.Path, "toml.env"));
    }

    [Test]
    public void Missing_files_are_skipped_silently()
    {
        var local = Write(".env.local", "A=local");

        var files = EnvFileLoader.Load(_temp.Path, null, null);

        files.Should().Equal(new EnvFile(local, "A=local"));
    }

    [Test]
    public void Files_are_read_in_priority_order()
    {
        var env = Write(".env", "A=env");
        var local = Write(".env.local", "A=local");

        EnvFileLoader.Load(_temp.Path, null, null).Select(f => f.Path).Should().Equal(env, local);
    }

    [Test]
    public void Directory_given_as_env_file_is_an_error_naming_it()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "envdir"));

        FluentActions.Invoking(() => EnvFileLoader.Load(_temp.Path, ["envdir"], null))
            .Should().Throw<PerstackException>()
            .Which.Message.Should().Be($"Cannot read env file \"{Path.Combine(_temp.Path, "envdir")}\": it is a directory");
    }

    [Test]
    public void Unreadable_file_is_an_error_naming_it()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Assert.Ignore("needs POSIX permissions and a user that they apply to (root reads any file)");
            return;
        }

        var secret = Write(".env", "A=1");
        File.SetUnixFileMode(secret, UnixFileMode.None);

        FluentActions.Invoking(() => EnvFileLoader.Load(_temp.Path, null, null))
            .Should().Throw<PerstackException>().Which.Message.Should().StartWith($"Cannot read env file \"{secret}\": ");
    }

    [Test]
    public void Load_environment_merges_process_first_then_files_in_order()
    {
        Write(".env", "SHARED=env\nENV_ONLY=1\nPROC=env");
        Write(".env.local", "SHARED=local\nLOCAL_ONLY=2");

        var merged = EnvFileLoader.LoadEnvironment(_temp.Path, null, null, new Dictionary<string, string> { ["PROC"] = "process" });

        merged.Get("PROC").Should().Be("process");
        merged.Get("SHARED").Should().Be("env");
        merged.Get("ENV_ONLY").Should().Be("1");
        merged.Get("LOCAL_ONLY").Should().Be("2");
        merged.Names.Should().Equal("ENV_ONLY", "LOCAL_ONLY", "PROC", "SHARED");
    }
}
