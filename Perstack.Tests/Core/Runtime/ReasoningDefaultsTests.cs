using FluentAssertions;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runtime;

namespace Perstack.Tests.Core.Runtime;

/// <summary>Flag, then perstack.toml, then the reference's default "low" — sent by default only to models known to reason.</summary>
public sealed class ReasoningDefaultsTests
{
    [TestCase("anthropic", "claude-sonnet-4-5", "low")]
    [TestCase("anthropic", "claude-3-7-sonnet-latest", "low")]
    [TestCase("amazon-bedrock", "us.anthropic.claude-opus-4-1-20250805-v1:0", "low")]
    [TestCase("google-vertex", "claude-haiku-4-5@20251001", "low")]
    [TestCase("openai", "gpt-5", "low")]
    [TestCase("openai", "o3-mini", "low")]
    [TestCase("google", "gemini-2.5-pro", "low")]
    [TestCase("anthropic", "claude-3-5-haiku-latest", "none")]
    [TestCase("openai", "gpt-4o", "none")]
    [TestCase("ollama", "llama3", "none")]
    [TestCase("deepseek", "deepseek-reasoner", "none")]
    public void The_default_applies_to_models_known_to_reason(string provider, string model, string expected) =>
        ReasoningDefaults.Resolve(null, null, ProviderName.Parse(provider), model).ToString().Should().Be(expected);

    [Test]
    public void A_budget_someone_set_is_always_used_and_the_flag_wins()
    {
        ReasoningDefaults.Resolve(null, ReasoningBudget.TryParse("high"), ProviderName.OpenAI, "gpt-4o").ToString().Should().Be("high");
        ReasoningDefaults.Resolve(ReasoningBudget.TryParse("3000"), ReasoningBudget.TryParse("high"), ProviderName.Anthropic, "claude-3-5-haiku").ToString().Should().Be("3000");
        ReasoningDefaults.Resolve(ReasoningBudget.TryParse("none"), null, ProviderName.Anthropic, "claude-sonnet-4-5").IsEnabled.Should().BeFalse();
    }

    [TestCase("none", 0, "none")]
    [TestCase("minimal", 1024, "low")]
    [TestCase("low", 2048, "low")]
    [TestCase("medium", 5000, "medium")]
    [TestCase("high", 10000, "high")]
    [TestCase("0", 0, "none")]
    [TestCase("2049", 2049, "medium")]
    [TestCase("5001", 5001, "high")]
    public void Levels_and_numbers_map_as_the_reference_maps_them(string text, long tokens, string effort)
    {
        var budget = ReasoningBudget.TryParse(text)!.Value;

        budget.Tokens.Should().Be(tokens);
        budget.Effort.Should().Be(effort);
    }

    [TestCase("-1")]
    [TestCase("lots")]
    [TestCase("1.5")]
    [TestCase("")]
    public void Anything_else_is_refused(string text) => ReasoningBudget.TryParse(text).Should().BeNull();
}
