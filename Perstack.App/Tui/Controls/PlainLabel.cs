using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>A label that shows its text as written (see <see cref="NoHotKey"/>): ids, keys and messages keep their <c>_</c>.</summary>
internal sealed class PlainLabel : Label
{
    public PlainLabel()
    {
        NoHotKey.Apply(this);
    }
}
