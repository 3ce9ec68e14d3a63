using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>deleteFile</c>: files only, writable only.</summary>
[TestFixture]
public sealed class DeleteFileToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task It_deletes_a_file_and_returns_its_path()
    {
        var path = _h.WriteFile("tmp.txt", "x");

        var result = await _h.CallAsync("deleteFile", SkillHarness.Args(("path", "tmp.txt")));

        result.GetRawText().Should().Be($$"""{"path":"{{path}}"}""");
        File.Exists(path).Should().BeFalse();
    }

    [Test]
    public async Task A_directory_is_the_reference_error()
    {
        Directory.CreateDirectory(_h.InWorkspace("dir"));

        (await _h.CallFailingAsync("deleteFile", SkillHarness.Args(("path", "dir")))).Should().Be("Path dir is a directory. Use delete directory tool instead.");
    }

    [Test]
    public async Task A_missing_file_is_an_error_result() =>
        (await _h.CallFailingAsync("deleteFile", SkillHarness.Args(("path", "none")))).Should().Be("File none does not exist.");

    [Test]
    public async Task A_read_only_file_is_refused()
    {
        var path = _h.WriteFile("ro.txt", "x");
        SkillHarness.SetMode(path, UnixFileMode.UserRead);

        (await _h.CallFailingAsync("deleteFile", SkillHarness.Args(("path", "ro.txt")))).Should().Be("File ro.txt is not writable");
        File.Exists(path).Should().BeTrue();
    }

    [Test]
    public async Task A_link_to_a_file_outside_is_refused_and_the_target_kept()
    {
        var target = Path.Combine(_h.Outside, "keep.txt");
        File.WriteAllText(target, "x");
        File.CreateSymbolicLink(_h.InWorkspace("link"), target);

        (await _h.CallFailingAsync("deleteFile", SkillHarness.Args(("path", "link")))).Should().StartWith("Access denied - symlink target outside");
        File.Exists(target).Should().BeTrue();
    }
}
