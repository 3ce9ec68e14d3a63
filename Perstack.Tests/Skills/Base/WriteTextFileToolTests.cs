using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>writeTextFile</c>: creates (with missing folders) or overwrites, refuses read-only files and escapes.</summary>
[TestFixture]
public sealed class WriteTextFileToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task It_creates_a_file_and_returns_its_real_path_and_text()
    {
        var result = await _h.CallAsync("writeTextFile", SkillHarness.Args(("path", "hello.txt"), ("text", "Hello 世界")));

        result.GetProperty("path").GetString().Should().Be(_h.InWorkspace("hello.txt"));
        result.GetProperty("text").GetString().Should().Be("Hello 世界");
        File.ReadAllBytes(_h.InWorkspace("hello.txt")).Should().Equal("Hello 世界"u8.ToArray(), "UTF-8 without a byte order mark");
    }

    [Test]
    public async Task It_creates_missing_parent_folders()
    {
        await _h.CallAsync("writeTextFile", SkillHarness.Args(("path", "a/b/c/deep.txt"), ("text", "x")));

        File.ReadAllText(_h.InWorkspace("a/b/c/deep.txt")).Should().Be("x");
    }

    [Test]
    public async Task It_overwrites_an_existing_file()
    {
        _h.WriteFile("f.txt", "old content that is longer");

        await _h.CallAsync("writeTextFile", SkillHarness.Args(("path", "f.txt"), ("text", "new")));

        File.ReadAllText(_h.InWorkspace("f.txt")).Should().Be("new");
    }

    [Test]
    public async Task A_read_only_file_is_refused()
    {
        var path = _h.WriteFile("ro.txt", "keep");
        SkillHarness.SetMode(path, UnixFileMode.UserRead);

        (await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "ro.txt"), ("text", "x")))).Should().Be("File ro.txt is not writable");
        File.ReadAllText(path).Should().Be("keep");
    }

    [Test]
    public async Task A_directory_is_refused()
    {
        Directory.CreateDirectory(_h.InWorkspace("dir"));

        (await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "dir"), ("text", "x")))).Should().Be("Path dir is a directory, not a file.");
    }

    [Test]
    public async Task Writing_outside_is_refused_and_nothing_is_written()
    {
        var message = await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "../outside/evil.txt"), ("text", "x")));

        message.Should().StartWith("Access denied - path outside allowed directories");
        File.Exists(Path.Combine(_h.Outside, "evil.txt")).Should().BeFalse();
    }

    [Test]
    public async Task Writing_through_a_link_to_a_folder_outside_is_refused()
    {
        Directory.CreateSymbolicLink(_h.InWorkspace("out"), _h.Outside);

        var message = await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "out/new/evil.txt"), ("text", "x")));

        message.Should().StartWith("Access denied - symlink target outside allowed directories");
        Directory.Exists(Path.Combine(_h.Outside, "new")).Should().BeFalse();
    }

    [Test]
    public async Task Writing_into_the_perstack_folder_is_refused()
    {
        (await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "Perstack/x.json"), ("text", "{}")))).Should().Be("Access denied - perstack directory is not allowed");
        Directory.Exists(_h.InWorkspace("Perstack")).Should().BeFalse();
    }

    [Test]
    public async Task A_missing_text_is_an_error_result() =>
        (await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "x.txt")))).Should().Contain("\"text\" is required");
}
