using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Skills.Base;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Skills.Base;

/// <summary>Every path argument is confined to the workspace: no escape by "..", absolute paths, prefixes, links or "~".</summary>
[TestFixture]
public sealed class WorkspaceGuardTests
{
    private TempDirectory _temp = null!;
    private string _workspace = null!;
    private string _outside = null!;
    private WorkspaceGuard _guard = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _workspace = Directory.CreateDirectory(Path.Combine(_temp.Path, "ws")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_temp.Path, "outside")).FullName;
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret");
        _guard = new WorkspaceGuard(_workspace, homeDirectory: _outside);
        _workspace = _guard.Workspace;
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private string Refused(string path)
    {
        _guard.TryResolve(path, out var resolved, out var error).Should().BeFalse($"{path} resolved to {resolved}");
        return error!;
    }

    private string Allowed(string path)
    {
        _guard.TryResolve(path, out var resolved, out var error).Should().BeTrue(error);
        return resolved!;
    }

    [Test]
    public void A_relative_path_resolves_against_the_workspace() =>
        Allowed("src/main.cs").Should().Be(Path.Combine(_workspace, "src", "main.cs"));

    [TestCase("")]
    [TestCase(".")]
    [TestCase("./")]
    [TestCase("sub/..")]
    public void The_workspace_itself_is_allowed(string path) => Allowed(path).Should().Be(_workspace);

    [Test]
    public void An_absolute_path_inside_is_allowed() =>
        Allowed(Path.Combine(_workspace, "a", "b.txt")).Should().Be(Path.Combine(_workspace, "a", "b.txt"));

    [Test]
    public void Dot_dot_out_of_the_workspace_is_refused_with_the_reference_message() =>
        Refused("../outside/secret.txt").Should().Be(
            $"Access denied - path outside allowed directories: {Path.Combine(_outside, "secret.txt")} not in {_workspace}");

    [TestCase("/etc/passwd")]
    [TestCase("/")]
    public void An_absolute_path_outside_is_refused(string path) =>
        Refused(path).Should().StartWith("Access denied - path outside allowed directories: ");

    [Test]
    public void A_sibling_whose_name_starts_with_the_workspace_name_is_refused()
    {
        var sibling = Directory.CreateDirectory(_workspace + "2").FullName;

        Refused(Path.Combine(sibling, "x.txt")).Should().Be($"Access denied - path outside allowed directories: {Path.Combine(sibling, "x.txt")} not in {_workspace}");
        Refused(sibling).Should().StartWith("Access denied - path outside allowed directories");
    }

    [Test]
    public void A_link_to_a_file_outside_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "link.txt"), Path.Combine(_outside, "secret.txt"));

        Refused("link.txt").Should().Be(
            $"Access denied - symlink target outside allowed directories: {Path.Combine(_outside, "secret.txt")} not in {_workspace}");
    }

    [Test]
    public void A_link_to_a_folder_outside_is_refused_for_the_folder_and_everything_under_it()
    {
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "out"), _outside);

        Refused("out").Should().StartWith("Access denied - symlink target outside allowed directories");
        Refused("out/secret.txt").Should().StartWith("Access denied - symlink target outside allowed directories");
        Refused("out/new/file.txt").Should().StartWith("Access denied - symlink target outside allowed directories");
    }

    [Test]
    public void A_relative_link_that_climbs_out_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_workspace, "sub"));
        File.CreateSymbolicLink(Path.Combine(_workspace, "sub", "up"), "../../outside/secret.txt");

        Refused("sub/up").Should().Contain("symlink target outside allowed directories");
    }

    [Test]
    public void A_dangling_link_pointing_outside_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "dangling"), Path.Combine(_outside, "not-yet.txt"));

        Refused("dangling").Should().Contain(Path.Combine(_outside, "not-yet.txt"));
    }

    [Test]
    public void A_chain_of_links_ending_outside_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "first"), Path.Combine(_workspace, "second"));
        File.CreateSymbolicLink(Path.Combine(_workspace, "second"), Path.Combine(_outside, "secret.txt"));

        Refused("first").Should().Contain("symlink target outside");
    }

    [Test]
    public void A_link_inside_pointing_inside_resolves_to_its_real_target()
    {
        Directory.CreateDirectory(Path.Combine(_workspace, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "alias"), Path.Combine(_workspace, "real"));

        Allowed("alias/file.txt").Should().Be(Path.Combine(_workspace, "real", "file.txt"));
    }

    [Test]
    public void A_link_loop_is_refused_not_thrown()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "loop-a"), Path.Combine(_workspace, "loop-b"));
        File.CreateSymbolicLink(Path.Combine(_workspace, "loop-b"), Path.Combine(_workspace, "loop-a"));

        Refused("loop-a").Should().Contain("Too many levels of symbolic links");
    }

    [TestCase("perstack")]
    [TestCase("perstack/")]
    [TestCase("perstack/jobs/x.json")]
    [TestCase("PERSTACK/x")]
    [TestCase("PerStack")]
    [TestCase("sub/../perstack/x")]
    public void The_perstack_folder_and_everything_under_it_is_refused(string path) =>
        Refused(path).Should().Be("Access denied - perstack directory is not allowed");

    [Test]
    public void The_perstack_folder_is_refused_by_absolute_path_too() =>
        Refused(Path.Combine(_workspace, "perstack", "a")).Should().Be("Access denied - perstack directory is not allowed");

    [Test]
    public void A_link_to_the_perstack_folder_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_workspace, "perstack"));
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "data"), Path.Combine(_workspace, "perstack"));

        Refused("data/jobs").Should().Be("Access denied - perstack directory is not allowed");
    }

    [TestCase("perstackish")]
    [TestCase("sub/perstack/x")]
    [TestCase("my-perstack")]
    public void Only_the_workspace_level_perstack_folder_is_special(string path) =>
        Allowed(path).Should().Be(Path.Combine(_workspace, path));

    [Test]
    public void Tilde_expands_to_the_home_folder_and_is_refused_when_home_is_outside()
    {
        Refused("~/secret.txt").Should().Be($"Access denied - path outside allowed directories: {Path.Combine(_outside, "secret.txt")} not in {_workspace}");
        Refused("~").Should().StartWith("Access denied - path outside allowed directories");
    }

    [Test]
    public void Tilde_is_allowed_when_home_is_the_workspace()
    {
        var guard = new WorkspaceGuard(_workspace, homeDirectory: _workspace);

        guard.TryResolve("~/notes.md", out var resolved, out _).Should().BeTrue();
        resolved.Should().Be(Path.Combine(_workspace, "notes.md"));
        guard.TryResolve("~", out resolved, out _).Should().BeTrue();
        resolved.Should().Be(_workspace);
    }

    [Test]
    public void A_tilde_not_followed_by_a_separator_is_an_ordinary_name() =>
        Allowed("~user/x").Should().Be(Path.Combine(_workspace, "~user", "x"));

    [Test]
    public void Missing_folders_are_kept_as_a_tail_under_the_real_parent() =>
        Allowed("new/deep/file.txt").Should().Be(Path.Combine(_workspace, "new", "deep", "file.txt"));

    [Test]
    public void A_workspace_given_through_a_link_is_its_real_path_and_paths_through_the_alias_are_allowed()
    {
        var alias = Path.Combine(_temp.Path, "alias");
        Directory.CreateSymbolicLink(alias, _workspace);

        var guard = new WorkspaceGuard(alias);

        guard.Workspace.Should().Be(_workspace);
        guard.TryResolve(Path.Combine(alias, "a.txt"), out var resolved, out _).Should().BeTrue();
        resolved.Should().Be(Path.Combine(_workspace, "a.txt"));
    }

    [Test]
    public void A_missing_workspace_is_a_perstack_exception()
    {
        var act = () => new WorkspaceGuard(Path.Combine(_temp.Path, "missing"));

        act.Should().Throw<PerstackException>().WithMessage("Workspace * does not exist or is not a directory");
    }
}
