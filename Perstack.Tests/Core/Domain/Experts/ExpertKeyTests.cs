using System.Text;
using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;

namespace Perstack.Tests.Core.Domain.Experts;

/// <summary>An <see cref="ExpertKey"/> holds only what <c>perstack.toml</c> accepts as a key, once parsed.</summary>
[TestFixture]
public sealed class ExpertKeyTests
{
    [TestCase("my-expert")]
    [TestCase("with.dot_and-dash")]
    [TestCase("@org/x@1.2.3-rc.1+build.7")]
    [TestCase("@org/x@latest")]
    public void A_valid_key_keeps_its_text(string text)
    {
        var key = ExpertKey.Parse(text);

        key.Value.Should().Be(text);
        key.ToString().Should().Be(text);
        ExpertKey.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(key);
    }

    [TestCase("")]
    [TestCase("My-Expert")]
    [TestCase("@org/")]
    [TestCase("x@")]
    [TestCase("a/b")]
    [TestCase("../x")]
    [TestCase("x\n")]
    public void An_invalid_key_is_refused_with_one_printable_line(string text)
    {
        var act = () => new ExpertKey(text);

        act.Should().Throw<PerstackException>()
            .Which.Message.Should().StartWith("Invalid expert key \"")
            .And.Contain("expected [@scope/]name[@version|@tag]")
            .And.NotMatchRegex(@"\p{Cc}");
        ExpertKey.TryParse(text, out var parsed).Should().BeFalse();
        parsed.Should().Be(default(ExpertKey));
    }

    [Test]
    public void Null_is_refused()
    {
        ExpertKey.TryParse(null, out _).Should().BeFalse();
        var act = () => ExpertKey.Parse(null);
        act.Should().Throw<PerstackException>();
    }

    [Test]
    public void Keys_compare_by_their_text_ordinally()
    {
        ExpertKey.Parse("@org/x@1.0.0").Should().Be(ExpertKey.Parse("@org/x@1.0.0"));
        ExpertKey.Parse("x").Should().NotBe(ExpertKey.Parse("y"));
    }

    [Test]
    public void The_default_value_has_no_text()
    {
        var act = () => default(ExpertKey).Value;

        act.Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void The_json_converter_round_trips_a_key()
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new ExpertKey.JsonConverter().Write(writer, ExpertKey.Parse("@org/x@latest"), JsonSerializerOptions.Default);
        }

        var json = Encoding.UTF8.GetString(buffer.ToArray());
        json.Should().Be("\"@org/x@latest\"");
        Read(json).Should().Be(ExpertKey.Parse("@org/x@latest"));
    }

    [TestCase("\"../x\"")]
    [TestCase("\"Bad Key\"")]
    [TestCase("\"\"")]
    public void The_json_converter_rejects_an_invalid_key_as_malformed_data(string json)
    {
        var act = () => Read(json);

        act.Should().Throw<JsonException>().WithMessage("invalid expert key*");
    }

    private static ExpertKey Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return new ExpertKey.JsonConverter().Read(ref reader, typeof(ExpertKey), JsonSerializerOptions.Default);
    }
}
