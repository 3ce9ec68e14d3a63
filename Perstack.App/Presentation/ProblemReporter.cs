using Perstack.Core.Storage;

namespace Perstack.App.Presentation;

/// <summary>Warns on stderr about unreadable files, one line each, so a listing never hides them.</summary>
internal static class ProblemReporter
{
    /// <summary>Writes <c>warning: {path}: {reason}</c> lines.</summary>
    public static async Task WarnAsync(TextWriter error, IEnumerable<StoreProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"warning: skipped {problem.Path}: {problem.Reason}").ConfigureAwait(false);
        }
    }
}
