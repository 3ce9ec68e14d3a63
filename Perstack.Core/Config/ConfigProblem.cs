namespace Perstack.Core.Config;

/// <summary>One problem found in perstack.toml: where (a dotted path such as <c>experts.x.instruction</c>) and what.</summary>
/// <param name="Path">Dotted path of the offending value; array elements are written as their index (<c>envPath.0</c>).</param>
/// <param name="Message">What is wrong, e.g. <c>Required</c>.</param>
public sealed record ConfigProblem(string Path, string Message)
{
    /// <summary>The <c>path: message</c> form used in the error text.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
