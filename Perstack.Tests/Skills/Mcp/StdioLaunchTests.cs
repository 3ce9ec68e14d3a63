using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Skills.Mcp;

namespace Perstack.Tests.Skills.Mcp;

/// <summary>How a stdio skill's command line and environment are resolved (runtime spec §3.3).</summary>
[TestFixture]
public sealed class StdioLaunchTests
{
    private static readonly Dictionary<string, string> Run = new()
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = "/home/someone",
        ["LANG"] = "C.UTF-8",
        ["API_TOKEN"] = "t0ken",
        ["ANTHROPIC_API_KEY"] = "sk-ant-secret",
        ["EMPTY_ONE"] = "",
    };

    private static McpSkillOptions Options => new() { Environment = name => Run.GetValueOrDefault(name), WorkingDirectory = "/work" };

    [Test]
    public void A_package_runs_through_npx_with_y()
    {
        var launch = StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "npx", PackageName = "@scope/server" }, Options);

        launch.Command.Should().Be("npx");
        launch.Args.Should().Equal("-y", "@scope/server");
        launch.WorkingDirectory.Should().Be("/work");
    }

    [Test]
    public void A_package_runs_through_uvx_as_it_is()
    {
        var launch = StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "uvx", PackageName = "mcp-server-fetch" }, Options);

        launch.Command.Should().Be("uvx");
        launch.Args.Should().Equal("mcp-server-fetch");
    }

    [Test]
    public void Npx_args_get_y_unless_they_have_it()
    {
        StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "npx", Args = ["pkg", "--flag"] }, Options).Args.Should().Equal("-y", "pkg", "--flag");
        StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "npx", Args = ["pkg", "-y"] }, Options).Args.Should().Equal("pkg", "-y");
        StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "node", Args = ["server.js"] }, Options).Args.Should().Equal("server.js");
    }

    [Test]
    public void The_environment_is_the_required_variables_plus_the_safe_set_only()
    {
        var launch = StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "node", Args = ["x"], RequiredEnv = ["API_TOKEN", "EMPTY_ONE"] }, Options);

        launch.Environment.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["API_TOKEN"] = "t0ken",
            ["EMPTY_ONE"] = "",
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = "/home/someone",
            ["LANG"] = "C.UTF-8",
        });
    }

    [Test]
    public void A_missing_required_variable_is_named()
    {
        var resolve = () => StdioLaunch.Resolve(new McpStdioSkill { Name = "github", Command = "npx", PackageName = "gh", RequiredEnv = ["API_TOKEN", "GITHUB_TOKEN"] }, Options);

        resolve.Should().Throw<PerstackException>().WithMessage("Skill github requires environment variable GITHUB_TOKEN");
    }

    [Test]
    public void Declarations_the_parser_would_refuse_are_refused_here_too()
    {
        var none = () => StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "npx" }, Options);
        var both = () => StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "npx", PackageName = "p", Args = ["a"] }, Options);
        var noCommand = () => StdioLaunch.Resolve(new McpStdioSkill { Name = "s", Command = "", Args = ["a"] }, Options);

        none.Should().Throw<PerstackException>().WithMessage("Skill s has no packageName or args. Please provide one of them.");
        both.Should().Throw<PerstackException>().WithMessage("Skill s has both packageName and args. Please provide only one of them.");
        noCommand.Should().Throw<PerstackException>().WithMessage("Skill s has no command");
    }

    [Test]
    public void A_command_line_override_replaces_command_package_and_args()
    {
        var launch = StdioLaunch.Resolve(
            new McpStdioSkill { Name = "@perstack/base", Command = "npx", PackageName = "@perstack/base" }, Options, ["node", "/opt/base/dist/index.js"]);

        launch.Command.Should().Be("node");
        launch.Args.Should().Equal("/opt/base/dist/index.js");
    }
}
