using System.Text.RegularExpressions;
using Perstack.Core.Domain.Experts;

namespace Perstack.Core.Config;

/// <summary>The formats of expert keys, expert names, tags and versions (runtime spec §6).</summary>
public static partial class ExpertKeyFormat
{
    /// <summary>Longest expert name.</summary>
    public const int MaxNameLength = 255;

    /// <summary>
    /// An expert key: optional <c>@scope/</c>, a name <c>[a-z0-9][a-z0-9_.-]*</c>, optionally <c>@semver</c> or
    /// <c>@tag</c>. Examples: <c>my-expert</c>, <c>@org/x@1.2.3</c>, <c>@org/x@latest</c>. The grammar is
    /// <see cref="ExpertKey"/>'s.
    /// </summary>
    public static bool IsValidKey(string? key) => ExpertKey.IsValid(key);

    /// <summary>An expert name: optional <c>@scope/</c> and <c>[a-z0-9][a-z0-9_-]*</c> (no dots), at most 255 characters.</summary>
    public static bool IsValidName(string? name) =>
        name is not null && name.Length <= MaxNameLength && NameRegex().IsMatch(name);

    /// <summary>A tag: <c>[a-z0-9][a-z0-9_-]*</c>.</summary>
    public static bool IsValidTag(string? tag) => tag is not null && TagRegex().IsMatch(tag);

    /// <summary>A semantic version (semver.org 2.0.0), e.g. <c>1.0.0</c> or <c>2.1.0-beta.1+build.5</c>.</summary>
    public static bool IsSemVer(string? version) => version is not null && SemVerRegex().IsMatch(version);

    [GeneratedRegex(@"\A(?:@[a-z0-9][a-z0-9_-]*/)?[a-z0-9][a-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\A" + ExpertKey.SemVerPattern + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex SemVerRegex();
}
