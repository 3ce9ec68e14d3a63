using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>A single stored file that was asked for by id but cannot be read.</summary>
public sealed class CorruptFileException : PerstackException
{
    /// <summary>Creates the exception.</summary>
    public CorruptFileException(StoreProblem problem)
        : base($"Cannot read {problem?.Path}: {problem?.Reason}")
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
    }

    /// <summary>The file and the reason.</summary>
    public StoreProblem Problem { get; }
}
