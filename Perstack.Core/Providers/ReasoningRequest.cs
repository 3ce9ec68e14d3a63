using Microsoft.Extensions.AI;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Providers;

/// <summary>
/// How a run's <see cref="ReasoningBudget"/> travels to the provider clients through Microsoft.Extensions.AI: the
/// effort in <see cref="ChatOptions.Reasoning"/> (what OpenAI-style clients map to <c>reasoning_effort</c>) and the
/// exact token budget in <see cref="ChatOptions.AdditionalProperties"/> under <see cref="BudgetTokensKey"/> (what
/// Anthropic's <c>thinking.budget_tokens</c> needs; <see cref="ReasoningOptions"/> has no token count). With reasoning
/// on, no temperature is sent: Anthropic accepts none but the default while thinking, and OpenAI's reasoning models
/// none at all.
/// </summary>
public static class ReasoningRequest
{
    /// <summary>The additional property holding the budget in tokens (a <see cref="long"/>).</summary>
    public const string BudgetTokensKey = "perstack.reasoningBudgetTokens";

    /// <summary>Sets the reasoning options (or, with reasoning off, the temperature) on <paramref name="options"/>.</summary>
    public static void Apply(ChatOptions options, ReasoningBudget budget, double temperature)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!budget.IsEnabled)
        {
            options.Temperature = (float)temperature;
            return;
        }

        options.Reasoning = new ReasoningOptions
        {
            Effort = budget.Effort switch { "low" => ReasoningEffort.Low, "medium" => ReasoningEffort.Medium, _ => ReasoningEffort.High },
            Output = ReasoningOutput.Full,
        };
        (options.AdditionalProperties ??= [])[BudgetTokensKey] = budget.Tokens;
    }

    /// <summary>The budget in tokens <see cref="Apply"/> put on <paramref name="options"/>, or null when reasoning is off.</summary>
    public static long? BudgetTokens(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(BudgetTokensKey, out var value) == true && value is long tokens && tokens > 0 ? tokens : null;
}
