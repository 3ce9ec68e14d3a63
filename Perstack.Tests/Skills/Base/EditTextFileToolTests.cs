using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>editTextFile</c>: first occurrence only, literal replacement, CRLF normalised.</summary>
[TestFixture]
public sealed class EditTextFileToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private Task<System.Text.Json.JsonElement> EditAsync(string path, string oldText, string newText) =>
        _h.CallAsync("editTextFile", SkillHarness.Args(("path", path), ("oldText", oldText), ("newText", newText)));

    [Test]
    public async Task It_replaces_only_the_first_occurrence()
    {
        var path = _h.WriteFile("a.txt", "x = 1; x = 1;");

        var result = await EditAsync("a.txt", "x = 1", "x = 2");

        File.ReadAllText(path).Should().Be("x = 2; x = 1;");
        result.GetRawText().Should().Be($$"""{"path":"{{path}}","newText":"x = 2","oldText":"x = 1"}""");
    }

    [Test]
    public async Task The_new_text_is_literal_dollar_patterns_are_not_interpreted()
    {
        var path = _h.WriteFile("a.txt", "price: X");

        await EditAsync("a.txt", "X", "$& $$ $1 $'");

        File.ReadAllText(path).Should().Be("price: $& $$ $1 $'");
    }

    [Test]
    public async Task Crlf_in_the_file_and_the_texts_is_normalised_to_lf()
    {
        var path = _h.WriteFile("w.txt", "a\r\nb\r\nc\r\n");

        await EditAsync("w.txt", "a\r\nb", "A\r\nB");

        File.ReadAllText(path).Should().Be("A\nB\nc\n");
    }

    [Test]
    public async Task Text_that_is_not_found_is_the_reference_error_with_the_real_path()
    {
        var path = _h.WriteFile("a.txt", "hello");

        var message = await _h.CallFailingAsync("editTextFile", SkillHarness.Args(("path", "a.txt"), ("oldText", "bye"), ("newText", "x")));

        message.Should().Be($"Could not find exact match for oldText in file {path}");
        File.ReadAllText(path).Should().Be("hello");
    }

    [Test]
    public async Task New_text_may_be_empty_to_delete()
    {
        var path = _h.WriteFile("a.txt", "keep DROP keep");

        await EditAsync("a.txt", " DROP", "");

        File.ReadAllText(path).Should().Be("keep keep");
    }

    [Test]
    public async Task Empty_old_text_is_an_error_result() =>
        (await _h.CallFailingAsync("editTextFile", SkillHarness.Args(("path", "a.txt"), ("oldText", ""), ("newText", "x")))).Should().Contain("\"oldText\" must not be empty");

    [Test]
    public async Task A_missing_file_is_the_reference_error() =>
        (await _h.CallFailingAsync("editTextFile", SkillHarness.Args(("path", "none.txt"), ("oldText", "a"), ("newText", "b")))).Should().Be("File none.txt does not exist.");

    [Test]
    public async Task A_read_only_file_is_refused()
    {
        var path = _h.WriteFile("ro.txt", "a");
        SkillHarness.SetMode(path, UnixFileMode.UserRead);

        (await _h.CallFailingAsync("editTextFile", SkillHarness.Args(("path", "ro.txt"), ("oldText", "a"), ("newText", "b")))).Should().Be("File ro.txt is not writable");
    }
}
