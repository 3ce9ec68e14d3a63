namespace Perstack.App.Tui.Controls;

/// <summary>Raw terminal output (escape sequences written past the renderer).</summary>
internal interface ITerminalOutput
{
    void WriteRaw(string sequence);
}
