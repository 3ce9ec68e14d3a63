using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>deleteDirectory</c>: empty folders, or everything with <c>recursive</c>; never the workspace, never through links.</summary>
[TestFixture]
public sealed class DeleteDirectoryToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task It_deletes_an_empty_folder()
    {
        var path = Directory.CreateDirectory(_h.InWorkspace("empty")).FullName;

        var result = await _h.CallAsync("deleteDirectory", SkillHarness.Args(("path", "empty")));

        result.GetProperty("path").GetString().Should().Be(path);
        Directory.Exists(path).Should().BeFalse();
    }

    [Test]
    public async Task A_non_empty_folder_needs_recursive()
    {
        _h.WriteFile("full/a.txt", "x");

        (await _h.CallFailingAsync("deleteDirectory", SkillHarness.Args(("path", "full")))).Should().Be("Directory full is not empty. Set recursive to true to delete it with its contents.");
        await _h.CallAsync("deleteDirectory", SkillHarness.Args(("path", "full"), ("recursive", true)));

        Directory.Exists(_h.InWorkspace("full")).Should().BeFalse();
    }

    [Test]
    public async Task Recursive_delete_removes_links_without_following_them()
    {
        var kept = Path.Combine(_h.Outside, "kept.txt");
        File.WriteAllText(kept, "x");
        _h.WriteFile("dir/a.txt", "x");
        Directory.CreateSymbolicLink(_h.InWorkspace("dir/out"), _h.Outside);

        await _h.CallAsync("deleteDirectory", SkillHarness.Args(("path", "dir"), ("recursive", true)));

        Directory.Exists(_h.InWorkspace("dir")).Should().BeFalse();
        File.Exists(kept).Should().BeTrue();
    }

    [Test]
    public async Task A_file_is_the_reference_error()
    {
        _h.WriteFile("f.txt", "");

        (await _h.CallFailingAsync("deleteDirectory", SkillHarness.Args(("path", "f.txt")))).Should().Be("Path f.txt is not a directory. Use deleteFile tool instead.");
    }

    [Test]
    public async Task A_missing_folder_is_an_error_result() =>
        (await _h.CallFailingAsync("deleteDirectory", SkillHarness.Args(("path", "none")))).Should().Be("Directory none does not exist.");

    [Test]
    public async Task A_read_only_folder_is_refused()
    {
        var path = Directory.CreateDirectory(_h.InWorkspace("locked")).FullName;
        SkillHarness.SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        (await _h.CallFailingAsync("deleteDirectory", SkillHarness.Args(("path", "locked")))).Should().Be("Directory locked is not writable");
    }

    [TestCase(".")]
    [TestCase("")]
    public async Task The_workspace_itself_is_refused(string path)
    {
        (await _h.CallFailingAsync("deleteDirectory", SkillHarness.Args(("path", path), ("recursive", true)))).Should().Be("The workspace directory itself cannot be deleted.");
        Directory.Exists(_h.Workspace).Should().BeTrue();
    }

    [Test]
    public async Task A_link_to_a_folder_outside_is_refused_and_the_folder_kept()
    {
        Directory.CreateSymbolicLink(_h.InWorkspace("out"), _h.Outside);

        (await _h.CallFailingAsync("deleteDirectory", SkillHarness.Args(("path", "out"), ("recursive", true)))).Should().StartWith("Access denied - symlink target outside");
        Directory.Exists(_h.Outside).Should().BeTrue();
    }

    [Test]
    public async Task The_perstack_folder_is_refused()
    {
        Directory.CreateDirectory(_h.InWorkspace("perstack"));

        (await _h.CallFailingAsync("deleteDirectory", SkillHarness.Args(("path", "perstack"), ("recursive", true)))).Should().Be("Access denied - perstack directory is not allowed");
        Directory.Exists(_h.InWorkspace("perstack")).Should().BeTrue();
    }
}
