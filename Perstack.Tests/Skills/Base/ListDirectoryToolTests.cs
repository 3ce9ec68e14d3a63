using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>listDirectory</c>: sorted entries, the workspace's perstack folder and links leading outside hidden.</summary>
[TestFixture]
public sealed class ListDirectoryToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private async Task<string[]> NamesAsync(string path) =>
        [.. (await _h.CallAsync("listDirectory", SkillHarness.Args(("path", path)))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];

    [Test]
    public async Task It_lists_entries_sorted_with_type_size_and_time()
    {
        _h.WriteFile("b.txt", "12345");
        _h.WriteFile("a/inner.txt", "x");
        _h.WriteFile("C.md", "");

        var result = await _h.CallAsync("listDirectory", SkillHarness.Args(("path", ".")));

        result.GetProperty("path").GetString().Should().Be(_h.Workspace);
        var items = result.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("name").GetString()).Should().Equal("C.md", "a", "b.txt");
        items[1].GetProperty("type").GetString().Should().Be("directory");
        items[2].GetProperty("type").GetString().Should().Be("file");
        items[2].GetProperty("path").GetString().Should().Be("b.txt");
        items[2].GetProperty("size").GetInt64().Should().Be(5);
        items[2].GetProperty("modified").GetString().Should().EndWith("Z");
    }

    [Test]
    public async Task The_workspace_perstack_folder_is_skipped_whatever_its_case()
    {
        _h.WriteFile("perstack/jobs/x.json", "{}");
        _h.WriteFile("keep.txt", "");

        (await NamesAsync(".")).Should().Equal("keep.txt");
    }

    [Test]
    public async Task A_nested_folder_named_perstack_is_listed()
    {
        _h.WriteFile("sub/perstack/x", "");

        (await NamesAsync("sub")).Should().Equal("perstack");
    }

    [Test]
    public async Task Links_leading_outside_are_not_listed_and_links_inside_are()
    {
        _h.WriteFile("real/x.txt", "");
        Directory.CreateSymbolicLink(_h.InWorkspace("out"), _h.Outside);
        Directory.CreateSymbolicLink(_h.InWorkspace("in"), _h.InWorkspace("real"));

        (await NamesAsync(".")).Should().Equal("in", "real");
    }

    [Test]
    public async Task An_empty_folder_has_no_items() =>
        (await NamesAsync(".")).Should().BeEmpty();

    [Test]
    public async Task A_missing_directory_is_the_reference_error() =>
        (await _h.CallFailingAsync("listDirectory", SkillHarness.Args(("path", "nope")))).Should().Be("Directory nope does not exist.");

    [Test]
    public async Task A_file_is_the_reference_error()
    {
        _h.WriteFile("f.txt", "");

        (await _h.CallFailingAsync("listDirectory", SkillHarness.Args(("path", "f.txt")))).Should().Be("Path f.txt is not a directory.");
    }

    [Test]
    public async Task Listing_the_perstack_folder_is_refused() =>
        (await _h.CallFailingAsync("listDirectory", SkillHarness.Args(("path", "perstack")))).Should().Be("Access denied - perstack directory is not allowed");

    [Test]
    public async Task Listing_outside_is_refused() =>
        (await _h.CallFailingAsync("listDirectory", SkillHarness.Args(("path", "..")))).Should().StartWith("Access denied - path outside allowed directories");
}
