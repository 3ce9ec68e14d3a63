using FluentAssertions;
using Perstack.Core.Config;
using Perstack.TestKit.Conformance;

namespace Perstack.Tests.Core.Config;

/// <summary>Helpers for the perstack.toml tests.</summary>
internal static class ConfigTestToml
{
    public const string SourcePath = "/project/perstack.toml";

    /// <summary>The perstack.toml of the conformance runs (shared/spec/conformance.md), with the port filled in.</summary>
    public static readonly string Conformance = ConformanceToml.Text.Replace("<base-url>", "http://127.0.0.1:4010/v1", StringComparison.Ordinal);

    public static PerstackConfig Parse(string toml) => PerstackConfigParser.Parse(toml, SourcePath);

    /// <summary>The <c>path: message</c> lines of the validation error <paramref name="toml"/> must raise.</summary>
    public static IReadOnlyList<string> Problems(string toml)
    {
        var error = FluentActions.Invoking(() => Parse(toml)).Should().Throw<PerstackConfigException>().Which;
        error.Problems.Should().NotBeEmpty();
        return [.. error.Problems.Select(p => p.ToString())];
    }

    /// <summary>An expert table with a valid instruction, plus <paramref name="extra"/> lines.</summary>
    public static string Expert(string key, string extra = "") => $"""
        [experts."{key}"]
        instruction = "Do it."
        {extra}
        """;
}
