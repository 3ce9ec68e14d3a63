using System.Text.Json;
using FluentAssertions;
using Perstack.App.Features.Log.Filters;

namespace Perstack.Tests.App.Features.Log.Filters;

public sealed class FilterExpressionTests
{
    private const string Event = """
        {
          "type": "callTools", "stepNumber": 3, "expertKey": "fake-writer", "flag": true, "nothing": null,
          "toolCalls": [
            { "toolName": "think", "args": { "n": 1 } },
            { "toolName": "writeTextFile", "args": { "n": 5 } }
          ],
          "usage": { "inputTokens": 150, "outputTokens": 25 },
          "tags": ["a", "b"]
        }
        """;

    [TestCase(".type == \"callTools\"", true)]
    [TestCase(".type == 'callTools'", true)]
    [TestCase(".type == callTools", true)]
    [TestCase(".type==callTools", true)]
    [TestCase(".type != \"callTools\"", false)]
    [TestCase(".type != \"retry\"", true)]
    [TestCase(".stepNumber == 3", true)]
    [TestCase(".stepNumber == \"3\"", false)]
    [TestCase(".stepNumber > 2", true)]
    [TestCase(".stepNumber > 3", false)]
    [TestCase(".stepNumber >= 3", true)]
    [TestCase(".stepNumber < 3", false)]
    [TestCase(".stepNumber <= 3", true)]
    [TestCase(".stepNumber < 3.5", true)]
    [TestCase(".usage.inputTokens > 100", true)]
    [TestCase(".usage.outputTokens > 100", false)]
    [TestCase(".expertKey > 1", false)]
    [TestCase(".flag == true", true)]
    [TestCase(".flag == false", false)]
    [TestCase(".nothing == null", true)]
    [TestCase(".toolCalls[].toolName == \"writeTextFile\"", true)]
    [TestCase(".toolCalls[].toolName == \"exec\"", false)]
    [TestCase(".toolCalls[].args.n > 4", true)]
    [TestCase(".toolCalls[].args.n > 5", false)]
    [TestCase(".tags == b", true)]
    [TestCase(".tags[] == c", false)]
    [TestCase(".missing == 1", false)]
    [TestCase(".missing != 1", false)]
    [TestCase(".type.deeper == 1", false)]
    [TestCase(".usage[].x == 1", false)]
    public void Evaluates_against_the_event_json(string text, bool expected)
    {
        FilterExpression.TryParse(text, out var expression, out var error).Should().BeTrue(error);
        using var document = JsonDocument.Parse(Event);

        expression!.Matches(document.RootElement).Should().Be(expected);
    }

    [Test]
    public void Parses_the_path_operator_and_value()
    {
        FilterExpression.TryParse("  .toolCalls[].toolName   !=  'x y'  ", out var expression, out _).Should().BeTrue();

        expression!.Path.Should().Equal("toolCalls", FilterExpression.EachElement, "toolName");
        expression.Operator.Should().Be(FilterOperator.NotEqual);
        expression.Value.Should().Be("x y");
    }

    [TestCase("type == 1")]
    [TestCase(".type")]
    [TestCase(".type =")]
    [TestCase(".type = 1")]
    [TestCase(".type === 1")]
    [TestCase(". == 1")]
    [TestCase(".1abc == 1")]
    [TestCase(".a..b == 1")]
    [TestCase(".a[0] == 1")]
    [TestCase(".a b == 1")]
    [TestCase("")]
    public void Refuses_malformed_expressions_naming_them(string text)
    {
        FilterExpression.TryParse(text, out var expression, out var error).Should().BeFalse();

        expression.Should().BeNull();
        error.Should().StartWith($"Invalid filter expression: {text} (");
    }

    [Test]
    public void A_missing_value_is_named_as_such()
    {
        FilterExpression.TryParse(".type ==   ", out _, out var error).Should().BeFalse();

        error.Should().Be("Invalid filter expression: .type ==    (the value is missing)");
    }
}
