using FluentAssertions;
using Perstack.Core.Config;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class EnvFileParserTests
{
    private static IReadOnlyDictionary<string, string> Parse(string text) => EnvFileParser.Parse(text);

    [Test]
    public void Plain_assignments_in_order()
    {
        Parse("A=1\nB=two\nC=3").Should().Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "two", ["C"] = "3" });
        Parse("A=1\nB=two\nC=3").Keys.Should().Equal("A", "B", "C");
    }

    [TestCase("KEY=value", "value")]
    [TestCase("KEY = value", "value")]
    [TestCase("  KEY=  value with spaces   ", "value with spaces")]
    [TestCase("\tKEY\t=\tvalue\t", "value")]
    [TestCase("KEY=", "")]
    [TestCase("KEY=   ", "")]
    [TestCase("KEY=a=b=c", "a=b=c")]
    [TestCase("KEY=value # comment", "value")]
    [TestCase("KEY=value#comment", "value")]
    [TestCase("KEY=#only comment", "")]
    [TestCase("KEY: value", "value")]
    [TestCase("export KEY=value", "value")]
    [TestCase("export   KEY = value", "value")]
    [TestCase("KEY='single quoted'", "single quoted")]
    [TestCase("KEY='keeps \\n and # as is'", "keeps \\n and # as is")]
    [TestCase("KEY=\"double quoted\"", "double quoted")]
    [TestCase("KEY=\"line1\\nline2\"", "line1\nline2")]
    [TestCase("KEY=\"cr\\rlf\"", "cr\rlf")]
    [TestCase("KEY=\"has # hash\"", "has # hash")]
    [TestCase("KEY=\"quoted\" # trailing comment", "quoted")]
    [TestCase("KEY=`back quoted`", "back quoted")]
    [TestCase("KEY=\"  padded  \"", "  padded  ")]
    [TestCase("KEY=\"\"", "")]
    [TestCase("KEY=\"say \\\"hi\\\"\"", "say \\\"hi\\\"")]
    [TestCase("KEY=\"unterminated", "\"unterminated")]
    [TestCase("KEY=value\r", "value")]
    public void Values(string line, string expected)
    {
        Parse(line).Should().Equal(new Dictionary<string, string> { ["KEY"] = expected });
    }

    [Test]
    public void Quoted_values_may_span_lines()
    {
        var env = Parse("CERT=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1\nSINGLE='a\nb'\n");

        env["CERT"].Should().Be("-----BEGIN-----\nabc\n-----END-----");
        env["NEXT"].Should().Be("1");
        env["SINGLE"].Should().Be("a\nb");
    }

    [Test]
    public void Comments_blank_and_invalid_lines_are_ignored()
    {
        var env = Parse("""
            # a comment
               # an indented comment

            not an assignment
            =no key
            BAD KEY=1
            ONLY_KEY
            OK=yes
            key.with-dots_and-dashes=1
            """);

        env.Should().Equal(new Dictionary<string, string> { ["OK"] = "yes", ["key.with-dots_and-dashes"] = "1" });
    }

    [Test]
    public void Crlf_line_endings()
    {
        Parse("A=1\r\nB=\"x\"\r\n\r\nC=3\r\n").Should().Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x", ["C"] = "3" });
    }

    [Test]
    public void Later_duplicate_in_one_file_wins()
    {
        Parse("A=1\nA=2").Should().Equal(new Dictionary<string, string> { ["A"] = "2" });
    }

    [Test]
    public void Export_alone_is_a_key()
    {
        Parse("export=1").Should().Equal(new Dictionary<string, string> { ["export"] = "1" });
    }

    [Test]
    public void Empty_text_gives_nothing()
    {
        Parse("").Should().BeEmpty();
        Parse("\n\n  \n").Should().BeEmpty();
    }
}
