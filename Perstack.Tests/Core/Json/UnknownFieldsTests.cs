using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Json;

namespace Perstack.Tests.Core.Json;

/// <summary>Fields another Perstack wrote survive when we rewrite a file (export, import, fork), at every level.</summary>
public sealed class UnknownFieldsTests
{
    [Test]
    public void A_checkpoint_keeps_unknown_fields_of_its_own_its_messages_and_parts_and_its_metadata_as_read()
    {
        var written = """
            {"id":"c1","jobId":"j1","runId":"r1","status":"completed","stepNumber":2,"futureField":{"a":[1,2]},
             "messages":[{"id":"m1","type":"expertMessage","contents":[
               {"id":"p1","type":"thinkingPart","thinking":"hmm","signature":"sig","futurePartField":true},
               {"id":"p2","type":"textPart","text":"Hi"}],"futureMessageField":"x"}],
             "expert":{"key":"e","name":"e","version":"1.0.0"},
             "usage":{"inputTokens":1,"outputTokens":1,"reasoningTokens":0,"totalTokens":2,"cachedInputTokens":0},
             "metadata":{"runtime":"claude-code","sessionId":"s-1"},"retryCount":0}
            """u8;

        var checkpoint = PerstackJson.TryDeserialize(written, PerstackJson.Checkpoint, out var problem)!;
        var rewritten = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(checkpoint, PerstackJson.Checkpoint))!;

        problem.Should().BeNull();
        checkpoint.Messages[0].Contents[0].Should().BeOfType<ThinkingPart>().Which.Signature.Should().Be("sig");
        rewritten["futureField"]!.ToJsonString().Should().Be("""{"a":[1,2]}""");
        rewritten["messages"]![0]!["futureMessageField"]!.GetValue<string>().Should().Be("x");
        rewritten["messages"]![0]!["contents"]![0]!["futurePartField"]!.GetValue<bool>().Should().BeTrue();
        rewritten["metadata"]!.ToJsonString().Should().Be("""{"runtime":"claude-code","sessionId":"s-1"}""");
        rewritten["retryCount"]!.GetValue<long>().Should().Be(0);
    }

    [Test]
    public void An_event_of_either_callDelegate_shape_reads_its_calls_and_keeps_unknown_fields()
    {
        const string Envelope = "\"id\":\"e1\",\"expertKey\":\"c\",\"timestamp\":1,\"jobId\":\"j1\",\"runId\":\"r1\",\"stepNumber\":1,"
            + "\"newMessage\":{\"id\":\"m\",\"type\":\"expertMessage\",\"contents\":[]},\"usage\":{\"inputTokens\":0,\"outputTokens\":0,\"reasoningTokens\":0,\"totalTokens\":0,\"cachedInputTokens\":0}";
        const string Call = "{\"id\":\"t1\",\"skillName\":\"w\",\"toolName\":\"w\",\"args\":{\"query\":\"q\"}}";
        var seed = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"callDelegate",{{Envelope}},"toolCall":{{Call}}}""");
        var main = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"callDelegate",{{Envelope}},"toolCalls":[{{Call}},{{Call.Replace("t1", "t2", StringComparison.Ordinal)}}],"extra":42}""");

        var fromSeed = (Perstack.Core.Domain.Events.CallDelegateEvent)PerstackJson.TryDeserialize(seed, PerstackJson.RunEvent, out _)!;
        var fromMain = (Perstack.Core.Domain.Events.CallDelegateEvent)PerstackJson.TryDeserialize(main, PerstackJson.RunEvent, out _)!;

        fromSeed.Calls.Select(c => c.Id).Should().Equal("t1");
        fromMain.Calls.Select(c => c.Id).Should().Equal("t1", "t2");
        JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes<Perstack.Core.Domain.Events.RunEvent>(fromMain, PerstackJson.RunEvent))!["extra"]!.GetValue<int>().Should().Be(42);
    }
}
