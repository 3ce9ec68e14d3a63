namespace Perstack.App.Tui.Shell;

/// <summary>What to run: an expert, a query, and where to continue from.</summary>
internal sealed record RunSelection(string ExpertKey, string Query, ResumePoint? Resume);
