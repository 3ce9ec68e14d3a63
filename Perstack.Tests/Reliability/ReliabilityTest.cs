using NUnit.Framework.Interfaces;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Base of the reliability fixtures: a test records each scenario with <see cref="Held"/> once its assertions have
/// passed; at tear-down the rows go to the <see cref="ReliabilityLedger"/> with the test's real outcome, and a test
/// that failed or was skipped before recording anything still shows up as one row.
/// </summary>
public abstract class ReliabilityTest
{
    /// <summary>The seed of every random choice in the suite.</summary>
    public const int Seed = 20_261_127;

    private readonly List<(string Scenario, long Cases, string Held)> _pending = [];

    /// <summary>The family name shown in the report (one per fixture).</summary>
    protected abstract string Family { get; }

    /// <summary>Records a scenario that ran <paramref name="cases"/> cases and what held.</summary>
    protected void Held(string scenario, long cases, string held)
    {
        lock (_pending)
        {
            _pending.Add((scenario, cases, held));
        }
    }

    [SetUp]
    public void ClearPending()
    {
        lock (_pending)
        {
            _pending.Clear();
        }
    }

    [TearDown]
    public void Record()
    {
        var result = TestContext.CurrentContext.Result;
        string outcome = result.Outcome.Status switch
        {
            TestStatus.Passed => ReliabilityRow.Passed,
            TestStatus.Skipped or TestStatus.Inconclusive => $"skipped: {result.Message}",
            _ => "FAILED",
        };
        var message = result.Message is { Length: > 400 } text ? text[..400] + "…" : result.Message;
        lock (_pending)
        {
            if (_pending.Count == 0)
            {
                ReliabilityLedger.Add(new ReliabilityRow(Family, TestContext.CurrentContext.Test.Name, 0, outcome, message ?? ""));
                return;
            }

            foreach (var (scenario, cases, held) in _pending)
            {
                ReliabilityLedger.Add(new ReliabilityRow(Family, scenario, cases, outcome, outcome == ReliabilityRow.Passed ? held : message ?? held));
            }
        }
    }
}
