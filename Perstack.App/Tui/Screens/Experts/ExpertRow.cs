using Perstack.App.Tui.Controls;

namespace Perstack.App.Tui.Screens.Experts;

/// <summary>An expert row: <c>{key} [config]</c> or <c>{key} [recent]</c>.</summary>
internal sealed record ExpertRow(string Key, bool Configured) : IFilterableRow
{
    public string Text => $"{Key} {(Configured ? "[config]" : "[recent]")}";

    public bool Matches(string filter) => Text.Contains(filter, StringComparison.OrdinalIgnoreCase);
}
