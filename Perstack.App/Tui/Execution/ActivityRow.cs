using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Execution;

/// <summary>One row of the activity log (its text is updated when a tool's result arrives).</summary>
internal sealed class ActivityRow(ActivityKind kind, int depth, string text)
{
    public ActivityKind Kind { get; } = kind;

    public int Depth { get; } = depth;

    public string Text { get; set; } = text;

    public string Display => new string(' ', Depth * 2) + Text;

    public Color? Color => Kind switch
    {
        ActivityKind.Query => new Color(ColorName16.Cyan),
        ActivityKind.Delegation or ActivityKind.Retry or ActivityKind.Interactive => new Color(ColorName16.Yellow),
        ActivityKind.Error => new Color(ColorName16.BrightRed),
        ActivityKind.Result => new Color(ColorName16.Green),
        _ => null,
    };
}
