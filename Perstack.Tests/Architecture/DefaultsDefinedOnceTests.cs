using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Architecture;

/// <summary>
/// The run's defaults (retries, generation timeout, model, step and delegation limits, tool timeout) and the provider
/// names are each written in exactly one product file, so they cannot drift apart again. The check reads the product
/// sources; a value that must appear elsewhere for another reason is allowed by file and line, with that reason.
/// </summary>
public sealed class DefaultsDefinedOnceTests
{
    private const string ModelSettings = "Perstack.Core/Runs/ModelSettings.cs";
    private const string RunLimits = "Perstack.Core/Runs/RunLimits.cs";
    private const string ProviderName = "Perstack.Core/Providers/ProviderName.cs";

    /// <summary>Lines that hold one of the values for a reason of their own.</summary>
    private static readonly (string File, Regex Line, string Reason)[] Allowed =
    [
        ("Perstack.Core/Runtime/KnownModels.cs", new(@"StartsWith\(""deepseek"""), "a model-name prefix, not the provider"),
        ("Perstack.Skills/Base/ExecTool.cs", new("default:? 60000"), "the exec tool's own timeout, described in its schema"),
    ];

    public static IEnumerable<TestCaseData> Defaults()
    {
        yield return Case("5 retries", new(@"(?i)retr.*(=\s*|\belse\s+)5\b|\?\?\s*\(?\w*\)?\s*5\b"), ModelSettings);
        yield return Case("the 300000 ms generation timeout", new(@"\b300_?000\b"), ModelSettings);
        yield return Case("the default model", new(@"""claude-sonnet-4-5"""), ModelSettings);
        yield return Case("100 max steps", new(@"^(?=.*MaxSteps).*\b100\b"), RunLimits);
        yield return Case("delegation depth 10", new(@"^(?=.*DelegationDepth).*\b10\b"), RunLimits);
        yield return Case("the 60000 ms tool timeout", new(@"(?i)^(?=.*timeout).*\b60_?000\b"), RunLimits);
        foreach (var name in new[] { "anthropic", "google", "openai", "ollama", "azure-openai", "amazon-bedrock", "google-vertex", "deepseek" })
        {
            yield return Case($"the provider name {name}", new($"\"{Regex.Escape(name)}\""), ProviderName);
        }
    }

    [TestCaseSource(nameof(Defaults))]
    public void Is_written_in_exactly_one_file(Regex pattern, string expectedFile)
    {
        Files(pattern).Should().Equal([expectedFile], $"/{pattern}/ must be written once, in {expectedFile}; use its constant elsewhere");
    }

    private static TestCaseData Case(string what, Regex pattern, string expectedFile) =>
        new TestCaseData(pattern, expectedFile).SetArgDisplayNames(what);

    /// <summary>The product files (relative, with forward slashes) with a line matching <paramref name="pattern"/>.</summary>
    private static List<string> Files(Regex pattern) =>
        [.. ProductSources()
            .Where(file => File.ReadLines(Path.Combine(RepositoryRoot.Path, file))
                .Any(line => pattern.IsMatch(line) && !Allowed.Any(a => a.File == file && a.Line.IsMatch(line))))
            .Order(StringComparer.Ordinal)];

    private static IEnumerable<string> ProductSources() =>
        Directory.EnumerateDirectories(RepositoryRoot.Path, "Perstack.*")
            .Where(folder => !Path.GetFileName(folder).StartsWith("Perstack.Tests", StringComparison.Ordinal)
                && !Path.GetFileName(folder).StartsWith("Perstack.TestKit", StringComparison.Ordinal))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal));
}
