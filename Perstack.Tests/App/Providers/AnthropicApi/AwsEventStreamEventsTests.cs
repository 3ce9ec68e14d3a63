using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.App.Providers.AnthropicApi;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Providers.AnthropicApi;

/// <summary>Bedrock's binary event stream read back into Messages API stream events.</summary>
[TestFixture]
public sealed class AwsEventStreamEventsTests
{
    [Test]
    public async Task Chunks_carry_the_stream_events_and_an_exception_becomes_an_error_event()
    {
        var start = $"event: message_start\ndata: {new JsonObject { ["type"] = "message_start", ["message"] = new JsonObject { ["id"] = "msg_1" } }.ToJsonString()}\n\n";
        var bytes = AwsEventStream.FromSseFrames([start]).Append(AwsEventStream.ExceptionMessage("throttlingException", "Too many requests")).SelectMany(m => m).ToArray();
        using var stream = new MemoryStream(bytes);

        var events = new List<StreamEvent>();
        await foreach (var item in AwsEventStreamEvents.ReadAsync(stream, CancellationToken.None))
        {
            events.Add(item);
        }

        events.Select(e => e.Type).Should().Equal("message_start", "error");
        events[0].Message!.Id.Should().Be("msg_1");
        events[1].Error.Should().Be(new WireError("rate_limit_error", "Too many requests"), "Bedrock's throttling is retried like a 429");
    }

    [Test]
    public async Task A_stream_cut_inside_a_message_is_invalid_data()
    {
        var message = AwsEventStream.ExceptionMessage("internalServerException", "boom");
        using var stream = new MemoryStream(message[..(message.Length / 2)]);

        var act = async () =>
        {
            await foreach (var item in AwsEventStreamEvents.ReadAsync(stream, CancellationToken.None))
            {
                item.Should().NotBeNull();
            }
        };

        await act.Should().ThrowAsync<EndOfStreamException>();
    }
}
