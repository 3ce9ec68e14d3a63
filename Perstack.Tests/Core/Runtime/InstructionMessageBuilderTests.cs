using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Runtime;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Runtime;

public sealed class InstructionMessageBuilderTests
{
    [Test]
    public void The_system_prompt_is_word_for_word_the_reference_one()
    {
        // The coordinator's first checkpoint, written by the TypeScript runtime, holds its system prompt.
        var file = Fixture.CheckpointFiles().First(f => f.Contains("r5fwacdzy063tewk7tqaxskw", StringComparison.Ordinal) && File.ReadAllText(f).Contains("\"key\":\"fake-coordinator\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var expected = json.RootElement.GetProperty("messages")[0].GetProperty("contents")[0].GetProperty("text").GetString();
        var coordinator = new Expert { Key = "fake-coordinator", Name = "fake-coordinator", Version = "1.0.0", Instruction = "Delegate the query to fake-worker, then call attemptCompletion." };
        var worker = new Expert { Key = "fake-worker", Name = "fake-worker", Version = "1.0.0", Description = "Worker expert that thinks and completes", Instruction = "x" };

        var message = InstructionMessageBuilder.Build(coordinator, [worker], DateTimeOffset.Parse("2026-11-27T00:14:30.609Z", System.Globalization.CultureInfo.InvariantCulture), "/home/user/project");

        message.Cache.Should().BeTrue();
        message.Contents.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text.Should().Be(expected);
    }
}
