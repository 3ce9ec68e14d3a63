using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>readTextFile</c>: whole file or lines [from, to), path echoed as given.</summary>
[TestFixture]
public sealed class ReadTextFileToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new SkillHarness();
        _h.WriteFile("src/lines.txt", "l0\nl1\nl2\nl3");
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task It_reads_the_whole_file()
    {
        var result = await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "src/lines.txt")));

        result.GetRawText().Should().Be("""{"path":"src/lines.txt","content":"l0\nl1\nl2\nl3","from":0,"to":4}""");
    }

    [Test]
    public async Task From_is_zero_based_and_to_is_exclusive()
    {
        var result = await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "src/lines.txt"), ("from", 1), ("to", 3)));

        result.GetProperty("content").GetString().Should().Be("l1\nl2");
        result.GetProperty("from").GetInt32().Should().Be(1);
        result.GetProperty("to").GetInt32().Should().Be(3);
    }

    [Test]
    public async Task A_range_past_the_end_is_clamped_and_reported_as_given()
    {
        var result = await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "src/lines.txt"), ("from", 3), ("to", 99)));

        result.GetProperty("content").GetString().Should().Be("l3");
        result.GetProperty("to").GetInt32().Should().Be(99);
    }

    [Test]
    public async Task Negative_indexes_count_from_the_end_like_javascript_slice()
    {
        var result = await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "src/lines.txt"), ("from", -2)));

        result.GetProperty("content").GetString().Should().Be("l2\nl3");
    }

    [Test]
    public async Task An_empty_range_is_empty_content()
    {
        var result = await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "src/lines.txt"), ("from", 3), ("to", 1)));

        result.GetProperty("content").GetString().Should().BeEmpty();
    }

    [Test]
    public async Task An_absolute_path_inside_works_and_is_echoed()
    {
        var path = _h.InWorkspace("src/lines.txt");

        var result = await _h.CallAsync("readTextFile", SkillHarness.Args(("path", path), ("to", 1)));

        result.GetProperty("path").GetString().Should().Be(path);
        result.GetProperty("content").GetString().Should().Be("l0");
    }

    [Test]
    public async Task Utf8_text_is_read_as_it_is()
    {
        _h.WriteFile("u.txt", "héllo — 世界 🚀");

        (await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "u.txt")))).GetProperty("content").GetString().Should().Be("héllo — 世界 🚀");
    }

    [Test]
    public async Task A_missing_file_is_the_reference_error() =>
        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "nope.txt")))).Should().Be("File nope.txt does not exist.");

    [Test]
    public async Task A_directory_is_an_error_result() =>
        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "src")))).Should().Be("Path src is a directory, not a file.");

    [Test]
    public async Task A_path_outside_is_refused() =>
        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "../outside/x.txt")))).Should().StartWith("Access denied - path outside allowed directories");

    [Test]
    public async Task A_link_to_a_file_outside_is_refused_and_not_read()
    {
        File.WriteAllText(Path.Combine(_h.Outside, "secret.txt"), "TOP SECRET");
        File.CreateSymbolicLink(_h.InWorkspace("innocent.txt"), Path.Combine(_h.Outside, "secret.txt"));

        var result = await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "innocent.txt")));

        result.GetRawText().Should().NotContain("TOP SECRET");
        result.GetProperty("message").GetString().Should().StartWith("Access denied - symlink target outside allowed directories");
    }

    [Test]
    public async Task The_perstack_folder_is_refused()
    {
        _h.WriteFile("perstack/jobs/job.json", "{}");

        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "perstack/jobs/job.json")))).Should().Be("Access denied - perstack directory is not allowed");
    }
}
