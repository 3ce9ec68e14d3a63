using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>createDirectory</c>: creates with parents, refuses what exists.</summary>
[TestFixture]
public sealed class CreateDirectoryToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task It_creates_nested_folders_and_returns_the_path()
    {
        var result = await _h.CallAsync("createDirectory", SkillHarness.Args(("path", "a/b/c")));

        Directory.Exists(_h.InWorkspace("a/b/c")).Should().BeTrue();
        result.GetProperty("path").GetString().Should().Be(_h.InWorkspace("a/b/c"));
    }

    [Test]
    public async Task An_existing_folder_is_the_reference_error()
    {
        Directory.CreateDirectory(_h.InWorkspace("d"));

        (await _h.CallFailingAsync("createDirectory", SkillHarness.Args(("path", "d")))).Should().Be("Directory d already exists");
    }

    [Test]
    public async Task A_read_only_parent_is_refused()
    {
        var parent = Directory.CreateDirectory(_h.InWorkspace("locked")).FullName;
        SkillHarness.SetMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        (await _h.CallFailingAsync("createDirectory", SkillHarness.Args(("path", "locked/new")))).Should().Be($"Parent directory {parent} is not writable");
    }

    [Test]
    public async Task Creating_outside_is_refused()
    {
        (await _h.CallFailingAsync("createDirectory", SkillHarness.Args(("path", "../outside/new")))).Should().StartWith("Access denied");
        Directory.Exists(Path.Combine(_h.Outside, "new")).Should().BeFalse();
    }

    [Test]
    public async Task Creating_the_perstack_folder_is_refused() =>
        (await _h.CallFailingAsync("createDirectory", SkillHarness.Args(("path", "perstack")))).Should().Be("Access denied - perstack directory is not allowed");
}
