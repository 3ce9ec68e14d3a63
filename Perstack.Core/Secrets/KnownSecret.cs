namespace Perstack.Core.Secrets;

/// <summary>A secret value the redactor replaces, and the variable it came from (shown in its place).</summary>
/// <param name="Name">The variable name, e.g. <c>ANTHROPIC_API_KEY</c>.</param>
/// <param name="Value">The value.</param>
public sealed record KnownSecret(string Name, string Value)
{
    /// <summary>The name only: the value is a secret.</summary>
    public override string ToString() => Name;
}
