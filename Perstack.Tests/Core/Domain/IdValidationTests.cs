using FluentAssertions;
using Perstack.Core.Domain;

namespace Perstack.Tests.Core.Domain;

/// <summary>
/// <see cref="JobId"/>, <see cref="RunId"/> and <see cref="CheckpointId"/> accept exactly
/// <c>[A-Za-z0-9][A-Za-z0-9_-]{0,127}</c>, so an id is always a safe single path segment.
/// </summary>
[TestFixture]
public sealed class IdValidationTests
{
    /// <summary>One id type: its kind as named in messages, its constructor, Parse and TryParse.</summary>
    public sealed record IdKind(string Name, Func<string, string> Construct, Func<string?, string> Parse, Func<string?, bool> TryParse)
    {
        public override string ToString() => Name;
    }

    private static readonly IdKind[] Kinds =
    [
        new("job", s => new JobId(s).Value, s => JobId.Parse(s).Value, s => JobId.TryParse(s, out _)),
        new("run", s => new RunId(s).Value, s => RunId.Parse(s).Value, s => RunId.TryParse(s, out _)),
        new("checkpoint", s => new CheckpointId(s).Value, s => CheckpointId.Parse(s).Value, s => CheckpointId.TryParse(s, out _)),
    ];

    private static readonly (string Name, string Text)[] ValidIds =
    [
        ("one letter", "a"),
        ("one digit", "7"),
        ("upper case", "ABC"),
        ("cuid2", "gf13yre28vrnvqtt96gqls80"),
        ("dashes and underscores", "job-fixed_0001"),
        ("trailing dash", "a-"),
        ("trailing underscore", "a_"),
        ("128 characters", "a" + new string('-', 127)),
        ("every allowed character", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"),
    ];

    private static readonly (string Name, string? Text)[] InvalidIds =
    [
        ("dot dot", ".."),
        ("dot", "."),
        ("parent traversal", "../x"),
        ("slash", "a/b"),
        ("backslash", "a\\b"),
        ("absolute path", "/abs"),
        ("empty", ""),
        ("null", null),
        ("129 characters", new string('a', 129)),
        ("10,000 characters", new string('a', 10_000)),
        ("latin letter with accent", "café"),
        ("cyrillic", "ид"),
        ("cjk", "日本"),
        ("fullwidth digit", "\uff11"),
        ("nul", "a\0b"),
        ("newline", "a\nb"),
        ("only a newline", "\n"),
        ("escape sequence", "a\u001b[31mred"),
        ("leading dash", "-a"),
        ("leading underscore", "_a"),
        ("space", "a b"),
        ("dot inside", "a.json"),
        ("colon", "c:x"),
    ];

    private static IEnumerable<TestCaseData> ValidCases() =>
        from kind in Kinds
        from id in ValidIds
        select new TestCaseData(kind, id.Text).SetArgDisplayNames(kind.Name, id.Name);

    private static IEnumerable<TestCaseData> InvalidCases() =>
        from kind in Kinds
        from id in InvalidIds
        select new TestCaseData(kind, id.Text).SetArgDisplayNames(kind.Name, id.Name);

    [TestCaseSource(nameof(ValidCases))]
    public void Valid_id_is_accepted_unchanged(IdKind kind, string text)
    {
        kind.Construct(text).Should().Be(text);
        kind.Parse(text).Should().Be(text);
        kind.TryParse(text).Should().BeTrue();
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void Invalid_id_is_refused_by_the_constructor_with_a_printable_message_naming_the_kind(IdKind kind, string? text)
    {
        var act = () => kind.Construct(text!);

        var exception = act.Should().Throw<InvalidIdException>().Which;
        exception.Kind.Should().Be(kind.Name);
        exception.Message.Should().StartWith($"Invalid {kind.Name} id ");
        exception.Message.Should().NotMatchRegex(@"\p{Cc}", "control characters must never reach a terminal raw");
        exception.Message.Length.Should().BeLessThan(200, "a huge id is shortened in the message");
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void Invalid_id_is_refused_by_Parse(IdKind kind, string? text)
    {
        var act = () => kind.Parse(text);

        act.Should().Throw<InvalidIdException>().Which.Kind.Should().Be(kind.Name);
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void Invalid_id_is_refused_by_TryParse_without_throwing(IdKind kind, string? text)
    {
        kind.TryParse(text).Should().BeFalse();
    }

    [Test]
    public void Message_shows_control_characters_escaped()
    {
        var act = () => new JobId("a\nb\0c");

        act.Should().Throw<InvalidIdException>().WithMessage("Invalid job id \"a\\u000ab\\u0000c\": *");
    }

    [Test]
    public void Ids_compare_ordinally()
    {
        new JobId("B").Should().BeLessThan(new JobId("a"));
        new RunId("a-1").CompareTo(new RunId("a_1")).Should().BeNegative();
        (new CheckpointId("x") == CheckpointId.Parse("x")).Should().BeTrue();
    }

    [Test]
    public void Default_id_has_no_value()
    {
        var act = () => default(JobId).Value;

        act.Should().Throw<InvalidOperationException>();
    }
}
