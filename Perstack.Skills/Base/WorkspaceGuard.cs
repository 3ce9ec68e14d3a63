using System.Diagnostics.CodeAnalysis;
using Perstack.Core.Domain;

namespace Perstack.Skills.Base;

/// <summary>
/// Confines the base skill's path arguments to the workspace. A path is expanded (<c>~</c>), made absolute against the
/// workspace, and resolved to its real path: every symbolic link along the existing part is followed and the part
/// that does not exist yet is re-appended. The result must be the workspace or lie strictly under it (a separator-aware
/// test: <c>/ws2</c> is not under <c>/ws</c>), and must not be the workspace's <c>perstack</c> folder or anything in it
/// (case-insensitive), nor any other hidden folder given (a <c>--storage-path</c> inside the workspace). So a symbolic
/// link inside the workspace that points outside is refused.
/// </summary>
/// <remarks>The check is done when a tool starts; a link swapped in by another process afterwards is not detected.</remarks>
public sealed class WorkspaceGuard
{
    /// <summary>The name of the folder inside the workspace that holds Perstack's own data, hidden from the tools.</summary>
    public const string PerstackFolderName = "perstack";

    private const int MaxLinkHops = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    private readonly string _homeDirectory;
    private readonly string[] _hiddenDirectories;
    private readonly HashSet<string>? _envFiles;

    /// <summary>Creates the guard for <paramref name="workspace"/>.</summary>
    /// <param name="workspace">The workspace folder; it must exist. Its real path becomes <see cref="Workspace"/>.</param>
    /// <param name="homeDirectory">What <c>~</c> expands to (default: the user's profile folder).</param>
    /// <param name="hiddenDirectories">
    /// Folders no tool may touch besides <c>&lt;workspace&gt;/perstack</c> (relative ones are relative to the current
    /// directory; they need not exist yet), e.g. the history store when <c>--storage-path</c> lies inside the workspace.
    /// </param>
    /// <param name="envFiles">
    /// When not null, the content tools (<see cref="ResolveFile"/>) refuse environment files (<see cref="EnvFileRule"/>):
    /// <c>.env</c>-named files and these, the run's loaded env files. Null: environment files are allowed.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="workspace"/> is empty.</exception>
    /// <exception cref="PerstackException">The workspace does not exist or is not a folder.</exception>
    public WorkspaceGuard(string workspace, string? homeDirectory = null, IEnumerable<string>? hiddenDirectories = null, IEnumerable<string>? envFiles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        var full = Path.GetFullPath(workspace);
        if (!Directory.Exists(full))
        {
            throw new PerstackException($"Workspace {full} does not exist or is not a directory");
        }

        Workspace = TrimTrailingSeparator(RealPath(full));
        PerstackDirectory = Path.Join(Workspace, PerstackFolderName);
        _hiddenDirectories = [.. (hiddenDirectories ?? []).Select(d => TrimTrailingSeparator(RealPath(Path.GetFullPath(d))))];
        _homeDirectory = string.IsNullOrEmpty(homeDirectory) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : homeDirectory;
        _envFiles = envFiles is null ? null : new HashSet<string>(envFiles.Select(f => RealPath(Path.GetFullPath(f))), StringComparer.Ordinal);
    }

    /// <summary>The workspace's real path (symbolic links resolved, no trailing separator).</summary>
    public string Workspace { get; }

    /// <summary><c>&lt;workspace&gt;/perstack</c>, which no tool may touch.</summary>
    public string PerstackDirectory { get; }

    /// <summary>Resolves a path argument, or says why it is refused. Never throws for a bad path.</summary>
    /// <param name="path">The path as the model gave it: absolute, relative to the workspace, or starting with <c>~</c>.</param>
    /// <param name="resolved">The real absolute path to operate on.</param>
    /// <param name="error">Why the path is refused (the message the model sees).</param>
    public bool TryResolve(string path, [NotNullWhen(true)] out string? resolved, [NotNullWhen(false)] out string? error)
    {
        try
        {
            resolved = Resolve(path);
            error = null;
            return true;
        }
        catch (ToolException e)
        {
            resolved = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="absolutePath"/> is the workspace's <c>perstack</c> folder or a hidden folder, or lies
    /// under one (case-insensitive).
    /// </summary>
    public bool IsPerstackPath(string absolutePath)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        var path = TrimTrailingSeparator(absolutePath);
        return IsSameOrUnder(path, PerstackDirectory) || _hiddenDirectories.Any(hidden => IsSameOrUnder(path, hidden));
    }

    /// <summary>Whether <paramref name="absolutePath"/> is the workspace or lies strictly under it.</summary>
    public bool IsInsideWorkspace(string absolutePath)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        var path = TrimTrailingSeparator(absolutePath);
        if (path.Equals(Workspace, PathComparison))
        {
            return true;
        }

        // A workspace at a file-system root ("/") ends with its separator.
        int prefix = IsSeparator(Workspace[^1]) ? Workspace.Length - 1 : Workspace.Length;
        return path.Length > prefix + 1 && path.StartsWith(Workspace, PathComparison) && IsSeparator(path[prefix]);
    }

    /// <summary>
    /// Resolves the path of a file whose content a tool reads, writes or moves: as <see cref="Resolve"/>, and an
    /// environment file is refused unless they are allowed (the name the model gave and the real name both count).
    /// </summary>
    internal string ResolveFile(string path)
    {
        var real = Resolve(path);
        if (_envFiles is not null && (_envFiles.Contains(real) || EnvFileRule.IsEnvFileName(Path.GetFileName(real))
            || EnvFileRule.IsEnvFileName(Path.GetFileName(TrimTrailingSeparator(path ?? "")))))
        {
            throw new ToolException(EnvFileRule.Refusal(path ?? ""));
        }

        return real;
    }

    /// <summary>Resolves a path argument or throws the <see cref="ToolException"/> the model sees.</summary>
    internal string Resolve(string path)
    {
        string absolute;
        try
        {
            absolute = Path.GetFullPath(ExpandHome(path ?? ""), Workspace);
        }
        catch (ArgumentException)
        {
            throw new ToolException($"Invalid path: {path}");
        }

        if (IsPerstackPath(absolute))
        {
            throw new ToolException("Access denied - perstack directory is not allowed");
        }

        string real;
        try
        {
            real = RealPath(absolute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"Cannot resolve path {absolute}: {e.Message}");
        }

        if (IsPerstackPath(real))
        {
            throw new ToolException("Access denied - perstack directory is not allowed");
        }

        if (!IsInsideWorkspace(real))
        {
            throw IsInsideWorkspace(absolute)
                ? new ToolException($"Access denied - symlink target outside allowed directories: {real} not in {Workspace}")
                : new ToolException($"Access denied - path outside allowed directories: {absolute} not in {Workspace}");
        }

        return real;
    }

    private string ExpandHome(string path)
    {
        if (path == "~")
        {
            return _homeDirectory;
        }

        return path.Length >= 2 && path[0] == '~' && IsSeparator(path[1]) ? _homeDirectory + path[1..] : path;
    }

    /// <summary>
    /// The real path of an absolute, normalised path: symbolic links along its existing part are followed (chains and
    /// relative targets included); the first missing component and everything after it are appended as they are.
    /// </summary>
    private static string RealPath(string absolute)
    {
        int hops = 0;
        return RealPath(absolute, ref hops);
    }

    private static string RealPath(string absolute, ref int hops)
    {
        var root = Path.GetPathRoot(absolute) ?? "";
        var parts = absolute[root.Length..].Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            var candidate = Path.Join(current, parts[i]);
            var linkTarget = new FileInfo(candidate).LinkTarget;
            if (linkTarget is not null)
            {
                if (++hops > MaxLinkHops)
                {
                    throw new IOException($"Too many levels of symbolic links: {candidate}");
                }

                // A relative target is relative to the folder holding the link, which is already real here.
                current = RealPath(Path.GetFullPath(linkTarget, current), ref hops);
            }
            else if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                current = candidate;
            }
            else
            {
                return Path.Join([current, .. parts[i..]]);
            }
        }

        return current;
    }

    private static bool IsSameOrUnder(string path, string folder) =>
        path.Equals(folder, StringComparison.OrdinalIgnoreCase)
        || (path.Length > folder.Length && path.StartsWith(folder, StringComparison.OrdinalIgnoreCase) && IsSeparator(path[folder.Length]));

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;

    private static string TrimTrailingSeparator(string path)
    {
        var root = Path.GetPathRoot(path) ?? "";
        return path.Length > root.Length ? path.TrimEnd(Separators) : path;
    }
}
