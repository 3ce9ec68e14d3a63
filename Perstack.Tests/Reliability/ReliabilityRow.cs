namespace Perstack.Tests.Reliability;

/// <summary>One scenario of the reliability report.</summary>
/// <param name="Family">The scenario family (one test file).</param>
/// <param name="Scenario">What was tried.</param>
/// <param name="Cases">How many cases ran (kills, inputs, runs…).</param>
/// <param name="Outcome"><see cref="Passed"/>, or why not (failed, skipped with the reason).</param>
/// <param name="Held">What the test checked and found true.</param>
internal sealed record ReliabilityRow(string Family, string Scenario, long Cases, string Outcome, string Held)
{
    public const string Passed = "held";
}
