using System.Text.Json.Nodes;
using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary>
/// With the real process environment: a secret set in this (test) process never reaches an <c>exec</c> child.
/// Sets one uniquely named variable for the duration of the test, so the fixture runs alone.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ExecEnvironmentIsolationTests
{
    private const string Secret = "PERSTACK_TEST_SECRET";

    [SetUp]
    public void SetUp() => Environment.SetEnvironmentVariable(Secret, "hunter2");

    [TearDown]
    public void TearDown() => Environment.SetEnvironmentVariable(Secret, null);

    [Test]
    public async Task A_variable_of_the_parent_process_is_not_visible_to_the_child()
    {
        using var h = new SkillHarness();
        var args = SkillHarness.Args(("command", "env"), ("args", new JsonArray()), ("env", new JsonObject { ["GIVEN"] = "yes" }), ("cwd", "."), ("stdout", true), ("stderr", true));

        var output = (await h.CallAsync("exec", args)).GetProperty("output").GetString();

        Environment.GetEnvironmentVariable(Secret).Should().Be("hunter2");
        output.Should().NotContain(Secret).And.NotContain("hunter2");
        output.Should().Contain("GIVEN=yes").And.Contain("PATH=");
    }
}
