using Perstack.Core.Domain;
using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>One line of the activity log: a tool row turns from pending to done (or failed) when its result arrives.</summary>
internal sealed class ActivityRow(ActivityKind kind, int depth, string text, RunId? runId = null)
{
    public ActivityKind Kind { get; set; } = kind;

    public int Depth { get; } = depth;

    public string Text { get; set; } = text;

    /// <summary>The run the row belongs to (rows of one run stay together).</summary>
    public RunId? RunId { get; } = runId;

    public string Display => new string(' ', Depth * 2) + Text;

    public Color? Color => Kind switch
    {
        ActivityKind.Query => new Color(ColorName16.Cyan),
        ActivityKind.Pending or ActivityKind.Delegation or ActivityKind.Retry or ActivityKind.Interactive => new Color(ColorName16.Yellow),
        ActivityKind.Error or ActivityKind.Removed => new Color(ColorName16.BrightRed),
        ActivityKind.Result or ActivityKind.Added or ActivityKind.Streaming => new Color(ColorName16.Green),
        ActivityKind.Detail or ActivityKind.Thinking => new Color(ColorName16.DarkGray),
        _ => null,
    };
}
