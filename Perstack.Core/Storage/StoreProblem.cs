namespace Perstack.Core.Storage;

/// <summary>A stored file that could not be read, and why. Listings report these beside the good results.</summary>
/// <param name="Path">The file or folder.</param>
/// <param name="Reason">A one-line reason.</param>
public sealed record StoreProblem(string Path, string Reason);
