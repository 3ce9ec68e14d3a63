namespace Perstack.App.Providers.AnthropicApi;

/// <summary>Extended thinking: <c>{"type":"enabled","budget_tokens":N}</c>.</summary>
internal sealed record WireThinking(string Type, int BudgetTokens);
