using FluentAssertions;
using Perstack.Core.Config;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class PerstackConfigSyntaxTests
{
    private static PerstackConfigException SyntaxError(string toml) =>
        FluentActions.Invoking(() => ConfigTestToml.Parse(toml)).Should().Throw<PerstackConfigException>().Which;

    [Test]
    public void Missing_value_reports_line_and_column()
    {
        var error = SyntaxError("model = \"x\"\ntemperature = \nmaxSteps = 3\n");

        error.Message.Should().Be("perstack.toml: 2:15: Unexpected token end-of-line found while expecting a value");
        error.Line.Should().Be(2);
        error.Column.Should().Be(15);
        error.Problems.Should().BeEmpty();
    }

    [Test]
    public void Unterminated_table_header_reports_its_position()
    {
        var error = SyntaxError("\n\n   [experts.\"a\"\n");

        error.Message.Should().StartWith("perstack.toml: 3:");
        error.Message.Should().Contain("expecting `]`");
    }

    [Test]
    public void Unterminated_string_reports_its_position()
    {
        SyntaxError("[experts.a]\ninstruction = \"no end\n").Message.Should().MatchRegex(@"^perstack\.toml: 2:\d+: .*string");
    }

    [Test]
    public void Two_values_on_one_line_is_an_error()
    {
        SyntaxError("model = \"a\" temperature = 0.1").Message.Should().StartWith("perstack.toml: 1:13: ");
    }

    [Test]
    public void Duplicate_key_is_an_error()
    {
        var error = SyntaxError("model = \"a\"\nmodel = \"b\"\n");

        error.Message.Should().StartWith("perstack.toml: 2:1: ");
        error.Message.Should().Contain("`model` is already defined");
    }

    [Test]
    public void Duplicate_expert_table_is_an_error()
    {
        var error = SyntaxError("[experts.a]\ninstruction = \"1\"\n[experts.a]\ninstruction = \"2\"\n");

        error.Message.Should().StartWith("perstack.toml: 3:1: ");
        error.Message.Should().Contain("already defined");
    }

    [Test]
    public void Redefining_a_value_as_a_table_is_an_error()
    {
        SyntaxError("provider = \"anthropic\"\n[provider]\nproviderName = \"openai\"\n").Message.Should().StartWith("perstack.toml: 2:1: ");
    }

    [Test]
    public void Invalid_escape_is_an_error()
    {
        SyntaxError("model = \"\\ud800\"").Message.Should().StartWith("perstack.toml: 1:");
    }

    [Test]
    public void Message_is_one_line()
    {
        SyntaxError("a = 1 b = 2 c").Message.Should().NotContain("\n");
    }

    [Test]
    public void Deeply_nested_arrays_are_rejected_without_overflowing_the_stack()
    {
        var toml = "model = " + new string('[', 200_000) + new string(']', 200_000);

        var error = SyntaxError(toml);

        error.Message.Should().MatchRegex(@"^perstack\.toml: 1:\d+: Nesting is too deep \(more than 64 levels of tables or arrays\)$");
    }

    [Test]
    public void Deeply_nested_inline_tables_are_rejected_without_overflowing_the_stack()
    {
        var toml = "x = " + string.Concat(Enumerable.Repeat("{a=", 100_000)) + "1" + new string('}', 100_000);

        SyntaxError(toml).Message.Should().Contain("Nesting is too deep");
    }

    [Test]
    public void Very_long_dotted_header_is_rejected()
    {
        var toml = "[" + string.Join('.', Enumerable.Repeat("a", 100_000)) + "]\nx = 1";

        SyntaxError(toml).Message.Should().Contain("Nesting is too deep");
    }

    [Test]
    public void Nesting_within_the_limit_is_accepted_and_ignored()
    {
        var toml = "unused = " + new string('[', 30) + "1" + new string(']', 30);

        ConfigTestToml.Parse(toml).Experts.Should().BeEmpty();
    }
}
