
using Perstack.App.Features.Log.Filters;

namespace Perstack.App.Features.Log.Reading;

/// <summary>Totals over the matched events, kept as they stream past (nothing is held).</summary>
internal sealed class LogSummary
{
    /// <summary>Matched events.</summary>
    public long TotalEvents { get; private set; }

    /// <summary>Matched <c>stopRunByError</c> and <c>retry</c> events.</summary>
    public long ErrorCount { get; private set; }

    /// <summary>Matched <c>callTools</c>, <c>resolveToolResults</c> and <c>callInteractiveTool</c> events.</summary>
    public long ToolCallCount { get; private set; }

    /// <summary>Matched <c>callDelegate</c> and <c>stopRunByDelegate</c> events.</summary>
    public long DelegationCount { get; private set; }

    /// <summary>Lowest step of a matched event (null before the first).</summary>
    public long? MinStep { get; private set; }

    /// <summary>Highest step of a matched event (null before the first).</summary>
    public long? MaxStep { get; private set; }

    /// <summary>Counts one matched event.</summary>
    public void Add(string type, long stepNumber)
    {
        ArgumentNullException.ThrowIfNull(type);
        TotalEvents++;
        ErrorCount += EventTypes.Errors.Contains(type) ? 1 : 0;
        ToolCallCount += EventTypes.Tools.Contains(type) ? 1 : 0;
        DelegationCount += EventTypes.Delegations.Contains(type) ? 1 : 0;
        MinStep = MinStep is { } min ? Math.Min(min, stepNumber) : stepNumber;
        MaxStep = MaxStep is { } max ? Math.Max(max, stepNumber) : stepNumber;
    }
}
