using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>appendTextFile</c>: raw append to an existing, writable file.</summary>
[TestFixture]
public sealed class AppendTextFileToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task It_appends_the_text_as_it_is_without_adding_a_newline()
    {
        var path = _h.WriteFile("log.txt", "one");

        var result = await _h.CallAsync("appendTextFile", SkillHarness.Args(("path", "log.txt"), ("text", "two\n")));

        File.ReadAllText(path).Should().Be("onetwo\n");
        result.GetProperty("path").GetString().Should().Be(path);
        result.GetProperty("text").GetString().Should().Be("two\n");
    }

    [Test]
    public async Task A_missing_file_is_the_reference_error()
    {
        (await _h.CallFailingAsync("appendTextFile", SkillHarness.Args(("path", "new.txt"), ("text", "x")))).Should().Be("File new.txt does not exist.");
        File.Exists(_h.InWorkspace("new.txt")).Should().BeFalse();
    }

    [Test]
    public async Task A_read_only_file_is_refused()
    {
        var path = _h.WriteFile("ro.txt", "keep");
        SkillHarness.SetMode(path, UnixFileMode.UserRead);

        (await _h.CallFailingAsync("appendTextFile", SkillHarness.Args(("path", "ro.txt"), ("text", "x")))).Should().Be("File ro.txt is not writable");
    }

    [Test]
    public async Task Appending_through_a_link_outside_is_refused()
    {
        var target = Path.Combine(_h.Outside, "target.txt");
        File.WriteAllText(target, "outside");
        File.CreateSymbolicLink(_h.InWorkspace("link.txt"), target);

        (await _h.CallFailingAsync("appendTextFile", SkillHarness.Args(("path", "link.txt"), ("text", "x")))).Should().StartWith("Access denied");
        File.ReadAllText(target).Should().Be("outside");
    }
}
