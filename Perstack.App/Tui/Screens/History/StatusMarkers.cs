using Perstack.Core.Jobs;
using Terminal.Gui.Drawing;

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

    /// <summary>The colour a status is drawn in (null = the list's own).</summary>
    public static Color? ColorOf(string status) => status switch
    {
        "completed" => new Color(ColorName16.BrightGreen),
        "stoppedByMaxSteps" => new Color(ColorName16.Yellow),
        "stoppedByInteractiveTool" => new Color(ColorName16.BrightCyan),
        "stoppedByError" or "corrupt" => new Color(ColorName16.BrightRed),
        "running" => new Color(ColorName16.BrightBlue),
        "interrupted" => new Color(ColorName16.BrightMagenta),
        JobStatusText.Forked => new Color(ColorName16.Cyan),
        _ => null,
    };
}
