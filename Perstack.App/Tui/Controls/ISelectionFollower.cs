using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// What shows a list's selection beside the list (an info line, a preview pane), able to paint what it would show for
/// another row: a one-row move is then forecast whole, its key's frame written as the key is read
/// (<see cref="Driver.SelectionForecast"/>), not only the list's rows.
/// </summary>
internal interface ISelectionFollower
{
    /// <summary>Changes when what <see cref="PaintAsSelected"/> paints may have changed with nothing drawn (a preview read ahead landed).</summary>
    long Version { get; }

    /// <summary>The views <see cref="PaintAsSelected"/> paints into, as shown now.</summary>
    IReadOnlyList<View> Views { get; }

    /// <summary>
    /// Paints into the screen's cells what <see cref="Views"/> would show with the list's row <paramref name="item"/>
    /// selected (the caller clips and puts the cells back); false when that cannot be said.
    /// </summary>
    bool PaintAsSelected(int item);
}
