using System.Text;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;

namespace Perstack.Tests.App.Providers.AnthropicApi;

/// <summary>Streamed Messages API events (as SSE bytes) assembled into chat updates.</summary>
[TestFixture]
public sealed class StreamAssemblerTests
{
    [Test]
    public async Task Thinking_text_tool_call_and_cache_usage_are_assembled()
    {
        var response = await AssembleAsync(
            """{"type":"message_start","message":{"id":"msg_1","model":"claude-x","content":[],"usage":{"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me "}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"think."}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig-abc"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}}""",
            """{"type":"content_block_stop","index":1}""",
            """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"think","input":{}}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"thought\":"}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\"ok\"}"}}""",
            """{"type":"content_block_stop","index":2}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":42}}""",
            """{"type":"message_stop"}""");

        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        var reasoning = contents.OfType<TextReasoningContent>().ToList();
        string.Concat(reasoning.Select(r => r.Text)).Should().Be("Let me think.");
        reasoning.Select(r => r.ProtectedData).Should().Contain("sig-abc");
        response.Text.Should().Be("Hi");
        var call = contents.OfType<FunctionCallContent>().Single();
        (call.CallId, call.Name, call.Arguments!["thought"]!.ToString()).Should().Be(("toolu_1", "think", "ok"));
        response.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        response.ResponseId.Should().Be("msg_1");
        response.Usage!.InputTokenCount.Should().Be(115, "input counts fresh, cache-write and cache-read tokens");
        response.Usage.CachedInputTokenCount.Should().Be(100);
        response.Usage.AdditionalCounts!["cache_creation_input_tokens"].Should().Be(5);
        response.Usage.OutputTokenCount.Should().Be(42);
    }

    [Test]
    public async Task An_error_event_throws_with_its_type_and_message()
    {
        var act = () => AssembleAsync(
            """{"type":"message_start","message":{"id":"msg_1","model":"m","content":[],"usage":{"input_tokens":1}}}""",
            """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");

        var error = (await act.Should().ThrowAsync<AnthropicStreamException>()).Which;
        (error.ErrorType, error.ErrorMessage).Should().Be(("overloaded_error", "Overloaded"));
    }

    [Test]
    public async Task A_stream_cut_before_message_stop_is_invalid_data()
    {
        var act = () => AssembleAsync(
            """{"type":"message_start","message":{"id":"msg_1","model":"m","content":[],"usage":{"input_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"partial"}}""");

        await act.Should().ThrowAsync<InvalidDataException>();
    }

    [Test]
    public async Task A_tool_call_with_no_input_deltas_keeps_its_start_input()
    {
        var response = await AssembleAsync(
            """{"type":"message_start","message":{"id":"msg_1","model":"m","content":[],"usage":{"input_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_2","name":"attemptCompletion","input":{}}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":3}}""",
            """{"type":"message_stop"}""");

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        call.Name.Should().Be("attemptCompletion");
        call.Arguments.Should().BeEmpty();
    }

    private static async Task<ChatResponse> AssembleAsync(params string[] events)
    {
        var sse = string.Concat(events.Select(e => $"event: x\ndata: {e}\n\n"));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sse));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in StreamAssembler.UpdatesAsync(SseEvents.ReadAsync(stream, CancellationToken.None), CancellationToken.None))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }
}
