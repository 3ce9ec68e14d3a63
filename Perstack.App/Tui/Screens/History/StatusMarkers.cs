using Perstack.Core.Jobs;

namespace Perstack.App.Tui.Screens.History;

/// <summary>Short status words and markers for the job list.</summary>
internal static class StatusMarkers
{
    /// <summary>completed / stopped / interactive / error / running / interrupted.</summary>
    public static string Label(string status) => status switch
    {
        "completed" => "✓ completed",
        "stoppedByMaxSteps" => "■ stopped",
        "stoppedByInteractiveTool" => "? interactive",
        "stoppedByError" => "✗ error",
        "running" => "▶ running",
        "interrupted" => "! interrupted",
        JobStatusText.Forked => "⑂ " + JobStatusText.Forked,
        _ => status,
    };
}
