using Terminal.Gui.App;

namespace Perstack.App.Tui.Controls;

/// <summary>Writes through the application's driver.</summary>
internal sealed class DriverOutput(IApplication app) : ITerminalOutput
{
    public void WriteRaw(string sequence) => app.Driver?.WriteRaw(sequence);
}
