using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>moveFile</c>: source must exist, destination must not, missing folders are created.</summary>
[TestFixture]
public sealed class MoveFileToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private Task<System.Text.Json.JsonElement> MoveAsync(string source, string destination) =>
        _h.CallAsync("moveFile", SkillHarness.Args(("source", source), ("destination", destination)));

    [Test]
    public async Task It_moves_into_a_new_folder_and_returns_both_real_paths()
    {
        var source = _h.WriteFile("a.txt", "content");

        var result = await MoveAsync("a.txt", "archive/2025/a.txt");

        File.Exists(source).Should().BeFalse();
        File.ReadAllText(_h.InWorkspace("archive/2025/a.txt")).Should().Be("content");
        result.GetProperty("source").GetString().Should().Be(source);
        result.GetProperty("destination").GetString().Should().Be(_h.InWorkspace("archive/2025/a.txt"));
    }

    [Test]
    public async Task It_moves_a_folder()
    {
        _h.WriteFile("dir/inner.txt", "x");

        await MoveAsync("dir", "renamed");

        File.Exists(_h.InWorkspace("renamed/inner.txt")).Should().BeTrue();
        Directory.Exists(_h.InWorkspace("dir")).Should().BeFalse();
    }

    [Test]
    public async Task A_missing_source_is_the_reference_error() =>
        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", "none.txt"), ("destination", "b.txt")))).Should().Be("Source file none.txt does not exist.");

    [Test]
    public async Task An_existing_destination_is_refused_and_kept()
    {
        _h.WriteFile("a.txt", "a");
        var destination = _h.WriteFile("b.txt", "b");

        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", "a.txt"), ("destination", "b.txt")))).Should().Be("Destination b.txt already exists.");
        File.ReadAllText(destination).Should().Be("b");
    }

    [Test]
    public async Task A_read_only_source_is_refused()
    {
        SkillHarness.SetMode(_h.WriteFile("ro.txt", "a"), UnixFileMode.UserRead);

        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", "ro.txt"), ("destination", "b.txt")))).Should().Be("Source file ro.txt is not writable");
    }

    [Test]
    public async Task Moving_out_of_the_workspace_is_refused()
    {
        var source = _h.WriteFile("a.txt", "a");

        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", "a.txt"), ("destination", "../outside/a.txt")))).Should().StartWith("Access denied");
        File.Exists(source).Should().BeTrue();
    }

    [Test]
    public async Task Moving_into_the_perstack_folder_is_refused() =>
        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", "a.txt"), ("destination", "perstack/a.txt")))).Should().Be("Access denied - perstack directory is not allowed");

    [Test]
    public async Task The_workspace_itself_cannot_be_moved() =>
        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", "."), ("destination", "elsewhere")))).Should().Be("The workspace directory itself cannot be moved.");
}
