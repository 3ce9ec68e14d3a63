using Perstack.App.Tui.Controls;

namespace Perstack.TestKit.Tui;

/// <summary>Captures raw terminal output (the OSC 52 sequences).</summary>
internal sealed class CapturedOutput : ITerminalOutput
{
    public List<string> Written { get; } = [];

    public void WriteRaw(string sequence) => Written.Add(sequence);
}
