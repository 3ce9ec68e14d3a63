namespace Perstack.App.Tui.Screens.Experts;

/// <summary>An expert of perstack.toml as the new-run list offers it: its key and description.</summary>
internal sealed record ExpertChoice(string Key, string? Description);
