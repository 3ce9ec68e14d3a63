using System.Collections;
using FluentAssertions;
using Perstack.Core.Config;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class EnvironmentBuilderTests
{
    private static readonly Dictionary<string, string> Process = new()
    {
        ["PATH"] = "/usr/bin",
        ["SHARED"] = "from-process",
        ["EMPTY_IN_PROCESS"] = "",
    };

    private static readonly EnvFile First = new("/p/.env", "SHARED=from-first\nFIRST_ONLY=1\nBOTH_FILES=from-first\nEMPTY_IN_PROCESS=from-first\n");
    private static readonly EnvFile Second = new("/p/.env.local", "SHARED=from-second\nBOTH_FILES=from-second\nSECOND_ONLY=2\n");

    [Test]
    public void Process_environment_wins_over_files()
    {
        var env = EnvironmentBuilder.Build(Process, [First, Second]);

        env.Get("SHARED").Should().Be("from-process");
        env.Get("PATH").Should().Be("/usr/bin");
    }

    [Test]
    public void First_file_that_defines_a_key_wins()
    {
        var env = EnvironmentBuilder.Build(Process, [First, Second]);

        env.Get("BOTH_FILES").Should().Be("from-first");
        env.Get("FIRST_ONLY").Should().Be("1");
        env.Get("SECOND_ONLY").Should().Be("2");
    }

    [Test]
    public void Order_of_files_decides()
    {
        EnvironmentBuilder.Build(Process, [Second, First]).Get("BOTH_FILES").Should().Be("from-second");
    }

    [Test]
    public void Empty_process_values_are_dropped_so_a_file_can_set_them()
    {
        EnvironmentBuilder.Build(Process, [First]).Get("EMPTY_IN_PROCESS").Should().Be("from-first");
        EnvironmentBuilder.Build(Process, []).Contains("EMPTY_IN_PROCESS").Should().BeFalse();
    }

    [Test]
    public void Empty_file_value_is_kept_and_still_wins_over_later_files()
    {
        var env = EnvironmentBuilder.Build(new Dictionary<string, string>(), [new EnvFile("a", "K="), new EnvFile("b", "K=later")]);

        env.TryGetValue("K", out var value).Should().BeTrue();
        value.Should().BeEmpty();
    }

    [Test]
    public void Names_are_every_merged_name_sorted()
    {
        var env = EnvironmentBuilder.Build(Process, [First, Second]);

        env.Names.Should().Equal("BOTH_FILES", "EMPTY_IN_PROCESS", "FIRST_ONLY", "PATH", "SECOND_ONLY", "SHARED");
        env.Count.Should().Be(6);
    }

    [Test]
    public void Missing_name_gives_null()
    {
        var env = EnvironmentBuilder.Build(Process, []);

        env.Get("NOPE").Should().BeNull();
        env.TryGetValue("NOPE", out _).Should().BeFalse();
    }

    [Test]
    public void Names_are_case_sensitive()
    {
        var env = EnvironmentBuilder.Build(new Dictionary<string, string> { ["Key"] = "a" }, [new EnvFile("f", "KEY=b")]);

        env.Get("Key").Should().Be("a");
        env.Get("KEY").Should().Be("b");
    }

    [Test]
    public void Works_with_the_real_process_environment()
    {
        IDictionary real = Environment.GetEnvironmentVariables();

        var env = EnvironmentBuilder.Build(real, [new EnvFile("f", "PERSTACK_TEST_ONLY_VARIABLE_X=1")]);

        env.Get("PERSTACK_TEST_ONLY_VARIABLE_X").Should().Be("1");
        env.Count.Should().BeGreaterThan(1);
    }

    [Test]
    public void Values_never_appear_in_text_forms()
    {
        var env = EnvironmentBuilder.Build(new Dictionary<string, string> { ["API_KEY"] = "sk-secret" }, [new EnvFile("/p/.env", "TOKEN=tok-secret")]);

        env.ToString().Should().NotContain("secret");
        new EnvFile("/p/.env", "TOKEN=tok-secret").ToString().Should().Be("/p/.env");
    }
}
