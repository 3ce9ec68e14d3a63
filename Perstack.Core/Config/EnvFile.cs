namespace Perstack.Core.Config;

/// <summary>A dotenv file already read by the caller. <see cref="ToString"/> shows the path only, never the values.</summary>
/// <param name="Path">Where it was read from.</param>
/// <param name="Text">Its contents.</param>
public sealed record EnvFile(string Path, string Text)
{
    /// <summary>The path (the contents are secrets).</summary>
    public override string ToString() => Path;
}
