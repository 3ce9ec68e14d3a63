using FluentAssertions;
using Perstack.Core.Domain.Messages;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>readImageFile</c> / <c>readPdfFile</c>: the reference's JSON text plus the file itself, inline.</summary>
[TestFixture]
public sealed class ImageAndPdfToolsTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private string WriteBytes(string relative, byte[] bytes)
    {
        var path = _h.InWorkspace(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteSized(string relative, byte[] start, long size)
    {
        var path = WriteBytes(relative, start);
        using var stream = new FileStream(path, FileMode.Open);
        stream.SetLength(size);
        return path;
    }

    [TestCase("pic.png", "image/png")]
    [TestCase("pic.jpg", "image/jpeg")]
    [TestCase("pic.JPEG", "image/jpeg")]
    [TestCase("pic.gif", "image/gif")]
    [TestCase("pic.webp", "image/webp")]
    public async Task An_image_comes_back_as_json_text_then_inline_base64(string name, string mimeType)
    {
        var path = WriteBytes("img/" + name, Png);

        var parts = await _h.CallPartsAsync("readImageFile", SkillHarness.Args(("path", "img/" + name)));

        parts.Should().HaveCount(2);
        parts[0].Should().BeOfType<TextPart>().Which.Text.Should().Be($$"""{"path":"{{path}}","mimeType":"{{mimeType}}","size":{{Png.Length}}}""");
        var image = parts[1].Should().BeOfType<ImageInlinePart>().Subject;
        image.MimeType.Should().Be(mimeType);
        Convert.FromBase64String(image.EncodedData).Should().Equal(Png);
    }

    [Test]
    public async Task An_unsupported_image_type_is_the_reference_error()
    {
        WriteBytes("pic.bmp", Png);

        (await _h.CallFailingAsync("readImageFile", SkillHarness.Args(("path", "pic.bmp")))).Should().Be("File pic.bmp is not supported.");
    }

    [Test]
    public async Task An_image_over_15_mb_is_the_reference_error()
    {
        WriteSized("big.png", Png, (15 * 1024 * 1024) + 1);

        (await _h.CallFailingAsync("readImageFile", SkillHarness.Args(("path", "big.png")))).Should().Be(
            "Image file too large (15.0MB). Maximum supported size is 15MB. Please use a smaller image file.");
    }

    [Test]
    public async Task An_image_of_exactly_15_mb_is_accepted()
    {
        WriteSized("edge.png", Png, 15 * 1024 * 1024);

        (await _h.CallPartsAsync("readImageFile", SkillHarness.Args(("path", "edge.png")))).Should().HaveCount(2);
    }

    [Test]
    public async Task A_missing_image_is_an_error_result() =>
        (await _h.CallFailingAsync("readImageFile", SkillHarness.Args(("path", "none.png")))).Should().Be("File none.png does not exist.");

    [Test]
    public async Task An_image_outside_is_refused() =>
        (await _h.CallFailingAsync("readImageFile", SkillHarness.Args(("path", "../outside/x.png")))).Should().StartWith("Access denied");

    [Test]
    public async Task A_pdf_comes_back_as_json_text_then_an_inline_file()
    {
        var path = WriteBytes("docs/report.pdf", Pdf);

        var parts = await _h.CallPartsAsync("readPdfFile", SkillHarness.Args(("path", "docs/report.pdf")));

        parts.Should().HaveCount(2);
        parts[0].Should().BeOfType<TextPart>().Which.Text.Should().Be($$"""{"path":"{{path}}","mimeType":"application/pdf","size":{{Pdf.Length}}}""");
        var file = parts[1].Should().BeOfType<FileInlinePart>().Subject;
        file.MimeType.Should().Be("application/pdf");
        Convert.FromBase64String(file.EncodedData).Should().Equal(Pdf);
    }

    [Test]
    public async Task A_pdf_is_recognised_by_its_header_not_its_name()
    {
        WriteBytes("scan", Pdf);

        (await _h.CallPartsAsync("readPdfFile", SkillHarness.Args(("path", "scan"))))[1].Should().BeOfType<FileInlinePart>();
    }

    [Test]
    public async Task A_file_named_pdf_without_the_header_is_the_reference_error()
    {
        WriteBytes("fake.pdf", "just text"u8.ToArray());

        (await _h.CallFailingAsync("readPdfFile", SkillHarness.Args(("path", "fake.pdf")))).Should().Be("File fake.pdf is not a PDF file.");
    }

    [Test]
    public async Task A_pdf_over_30_mb_is_the_reference_error()
    {
        WriteSized("big.pdf", Pdf, (30 * 1024 * 1024) + 1);

        (await _h.CallFailingAsync("readPdfFile", SkillHarness.Args(("path", "big.pdf")))).Should().Be(
            "PDF file too large (30.0MB). Maximum supported size is 30MB. Please use a smaller PDF file.");
    }

    [Test]
    public async Task A_missing_pdf_is_an_error_result() =>
        (await _h.CallFailingAsync("readPdfFile", SkillHarness.Args(("path", "none.pdf")))).Should().Be("File none.pdf does not exist.");

    [Test]
    public async Task A_pdf_behind_a_link_outside_is_refused()
    {
        File.WriteAllBytes(Path.Combine(_h.Outside, "secret.pdf"), Pdf);
        File.CreateSymbolicLink(_h.InWorkspace("doc.pdf"), Path.Combine(_h.Outside, "secret.pdf"));

        (await _h.CallFailingAsync("readPdfFile", SkillHarness.Args(("path", "doc.pdf")))).Should().StartWith("Access denied - symlink target outside");
    }
}
