using Perstack.App.Tui.Controls;

namespace Perstack.App.Tui.Screens.Experts;

/// <summary>An expert row: <c>{key} [config]</c> or <c>{key} [recent]</c>, then its description (one line).</summary>
internal sealed record ExpertRow(string Key, bool Configured, string? Description = null) : IFilterableRow
{
    public string Text => $"{Key} {(Configured ? "[config]" : "[recent]")}";

    /// <summary>The description on one line, or null.</summary>
    public string? Summary => Description is { Length: > 0 } d ? d.ReplaceLineEndings(" ").Trim() : null;

    public bool Matches(string filter) =>
        Text.Contains(filter, StringComparison.OrdinalIgnoreCase) || (Summary?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false);
}
