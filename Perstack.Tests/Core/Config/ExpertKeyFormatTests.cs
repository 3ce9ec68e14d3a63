using FluentAssertions;
using Perstack.Core.Config;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class ExpertKeyFormatTests
{
    [TestCase("my-expert")]
    [TestCase("a")]
    [TestCase("0day")]
    [TestCase("with.dot_and-dash")]
    [TestCase("@org/x")]
    [TestCase("@org/x@1.2.3")]
    [TestCase("@org/x@1.2.3-rc.1+build.7")]
    [TestCase("@org/x@latest")]
    [TestCase("x@v2")]
    public void Valid_keys(string key) => ExpertKeyFormat.IsValidKey(key).Should().BeTrue();

    [TestCase("")]
    [TestCase("My-Expert")]
    [TestCase("_x")]
    [TestCase("@org")]
    [TestCase("@org/")]
    [TestCase("@Org/x")]
    [TestCase("x@")]
    [TestCase("x@1.2.3@4")]
    [TestCase("a/b")]
    [TestCase("x\n")]
    [TestCase(null)]
    public void Invalid_keys(string? key) => ExpertKeyFormat.IsValidKey(key).Should().BeFalse();

    [TestCase("my-expert", true)]
    [TestCase("@org/my_expert", true)]
    [TestCase("with.dot", false)]
    [TestCase("x@1.0.0", false)]
    [TestCase("@org.a/x", false)]
    public void Names_are_stricter_than_keys(string name, bool valid) => ExpertKeyFormat.IsValidName(name).Should().Be(valid);

    [Test]
    public void Names_are_at_most_255_characters()
    {
        ExpertKeyFormat.IsValidName(new string('a', 255)).Should().BeTrue();
        ExpertKeyFormat.IsValidName(new string('a', 256)).Should().BeFalse();
    }

    [TestCase("1.0.0", true)]
    [TestCase("0.0.1-alpha.0", true)]
    [TestCase("10.20.30+meta", true)]
    [TestCase("1.0", false)]
    [TestCase("1.0.0-", false)]
    [TestCase("1.0.0-01", false)]
    [TestCase("v1.0.0", false)]
    [TestCase("1.0.0\n", false)]
    public void Semantic_versions(string version, bool valid) => ExpertKeyFormat.IsSemVer(version).Should().Be(valid);

    [TestCase("review", true)]
    [TestCase("code_quality-2", true)]
    [TestCase("-x", false)]
    [TestCase("Tag", false)]
    [TestCase("a.b", false)]
    public void Tags(string tag, bool valid) => ExpertKeyFormat.IsValidTag(tag).Should().Be(valid);
}
