namespace Perstack.Core.Runtime;

/// <summary>The continue/resume flags of <c>perstack run</c>, as typed.</summary>
/// <param name="Continue"><c>--continue</c>: the most recently updated job.</param>
/// <param name="ContinueJob"><c>--continue-job</c>.</param>
/// <param name="ResumeFrom"><c>--resume-from</c>.</param>
public sealed record ContinueOptions(bool Continue, string? ContinueJob, string? ResumeFrom)
{
    /// <summary>Whether any continue flag was given.</summary>
    public bool Any => Continue || ContinueJob is not null || ResumeFrom is not null;
}
