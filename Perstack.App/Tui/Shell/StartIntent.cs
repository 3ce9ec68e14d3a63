namespace Perstack.App.Tui.Shell;

/// <summary>How <c>perstack start</c> was invoked: which screen comes first.</summary>
/// <param name="ExpertKey">The expert argument.</param>
/// <param name="Query">The query argument.</param>
/// <param name="Resume">The checkpoint resolved from the continue flags.</param>
internal sealed record StartIntent(string? ExpertKey, string? Query, ResumePoint? Resume)
{
    public static StartIntent Browse { get; } = new(null, null, null);

    /// <summary>Whether the History is the first screen (no expert given).</summary>
    public bool OpensHistory => ExpertKey is null;
}
