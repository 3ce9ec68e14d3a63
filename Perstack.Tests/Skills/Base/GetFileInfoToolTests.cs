using System.Globalization;
using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>getFileInfo</c>: the reference's metadata object for files and folders.</summary>
[TestFixture]
public sealed class GetFileInfoToolTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task A_file_has_every_field()
    {
        var path = _h.WriteFile("docs/readme.md", new string('x', 1234));

        var result = await _h.CallAsync("getFileInfo", SkillHarness.Args(("path", "docs/readme.md")));

        result.EnumerateObject().Select(p => p.Name).Should().Equal(
            "exists", "path", "absolutePath", "name", "directory", "extension", "type", "mimeType", "size", "sizeFormatted",
            "created", "modified", "accessed", "permissions");
        result.GetProperty("exists").GetBoolean().Should().BeTrue();
        result.GetProperty("path").GetString().Should().Be(path);
        result.GetProperty("absolutePath").GetString().Should().Be(path);
        result.GetProperty("name").GetString().Should().Be("readme.md");
        result.GetProperty("directory").GetString().Should().Be(_h.InWorkspace("docs"));
        result.GetProperty("extension").GetString().Should().Be(".md");
        result.GetProperty("type").GetString().Should().Be("file");
        result.GetProperty("mimeType").GetString().Should().Be("text/markdown");
        result.GetProperty("size").GetInt64().Should().Be(1234);
        result.GetProperty("sizeFormatted").GetString().Should().Be("1.21 KB");
        var modified = DateTime.Parse(result.GetProperty("modified").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        modified.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        result.GetProperty("modified").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        var permissions = result.GetProperty("permissions");
        permissions.GetProperty("readable").GetBoolean().Should().BeTrue();
        permissions.GetProperty("writable").GetBoolean().Should().BeTrue();
        permissions.GetProperty("executable").GetBoolean().Should().BeFalse();
    }

    [Test]
    public async Task A_directory_has_null_extension_and_mime_type()
    {
        Directory.CreateDirectory(_h.InWorkspace("src.d"));

        var result = await _h.CallAsync("getFileInfo", SkillHarness.Args(("path", "src.d")));

        result.GetProperty("type").GetString().Should().Be("directory");
        result.GetProperty("extension").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        result.GetProperty("mimeType").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [TestCase("Makefile", "", "application/octet-stream")]
    [TestCase(".bashrc", "", "application/octet-stream")]
    [TestCase("photo.JPG", ".JPG", "image/jpeg")]
    [TestCase("data.unknownext", ".unknownext", "application/octet-stream")]
    public async Task Extension_and_mime_type_follow_node(string name, string extension, string mimeType)
    {
        _h.WriteFile(name, "");

        var result = await _h.CallAsync("getFileInfo", SkillHarness.Args(("path", name)));

        result.GetProperty("extension").GetString().Should().Be(extension);
        result.GetProperty("mimeType").GetString().Should().Be(mimeType);
        result.GetProperty("sizeFormatted").GetString().Should().Be("0 B");
    }

    [Test]
    public async Task Read_only_and_executable_bits_are_reported()
    {
        var path = _h.WriteFile("run.sh", "#!/bin/sh");
        SkillHarness.SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var permissions = (await _h.CallAsync("getFileInfo", SkillHarness.Args(("path", "run.sh")))).GetProperty("permissions");

        permissions.GetProperty("writable").GetBoolean().Should().BeFalse();
        permissions.GetProperty("executable").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task A_missing_path_is_the_reference_error() =>
        (await _h.CallFailingAsync("getFileInfo", SkillHarness.Args(("path", "ghost")))).Should().Be("File or directory ghost does not exist");

    [Test]
    public async Task A_path_outside_is_refused() =>
        (await _h.CallFailingAsync("getFileInfo", SkillHarness.Args(("path", "/etc/passwd")))).Should().StartWith("Access denied - path outside allowed directories: /etc/passwd not in ");
}
