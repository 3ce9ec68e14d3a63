using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>The replies: a scripted or conformance reply written in the asking API's wire format, as JSON or a stream.</summary>
public sealed partial class ScriptedLlmServer
{
    private static string ErrorBody(ScriptedLlmApi api, int status, string? message) => api switch
    {
        ScriptedLlmApi.Anthropic => AnthropicWire.Error(status, message),
        ScriptedLlmApi.Gemini => GeminiWire.Error(status, message),
        ScriptedLlmApi.BedrockConverse => ConverseWire.Error(status, message),
        _ => OpenAIWire.Error(status, message),
    };

    private async Task ReplyAsync(TcpClient client, NetworkStream stream, ScriptedLlmApi api, ScriptedConversation conversation, ScriptedReply reply)
    {
        var anthropic = api == ScriptedLlmApi.Anthropic;
        var inputTokens = ConformanceScript.InputTokens(conversation.Messages.Count);
        ScriptedAnswer answer;
        var pause = TimeSpan.Zero;
        switch (reply.Kind)
        {
            case ScriptedReplyKind.ConnectionReset:
                client.Client.LingerState = new LingerOption(true, 0);
                client.Client.Close();
                return;
            case ScriptedReplyKind.Status:
                var headers = new List<KeyValuePair<string, string>>();
                if (reply.RetryAfter is { } retryAfter)
                {
                    headers.Add(new("Retry-After", ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    if (retryAfter.Milliseconds != 0)
                    {
                        headers.Add(new("retry-after-ms", ((long)retryAfter.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }

                var errorBody = reply.Body ?? ErrorBody(api, reply.StatusCode, null);
                await WriteJsonAsync(stream, reply.StatusCode, errorBody, headers, TimeSpan.Zero);
                return;
            case ScriptedReplyKind.MalformedJson:
                if (conversation.Stream && api != ScriptedLlmApi.BedrockConverse)
                {
                    var frames = api switch
                    {
                        ScriptedLlmApi.Anthropic => AnthropicWire.MalformedStream(),
                        ScriptedLlmApi.Gemini => GeminiWire.MalformedStream(),
                        _ => OpenAIWire.MalformedStream(),
                    };
                    await WriteStreamAsync(stream, frames, TimeSpan.Zero);
                }
                else
                {
                    var body = api switch
                    {
                        ScriptedLlmApi.Anthropic => AnthropicWire.MalformedMessage(),
                        ScriptedLlmApi.Gemini => GeminiWire.MalformedResponse(),
                        ScriptedLlmApi.BedrockConverse => ConverseWire.MalformedResponse(),
                        _ => OpenAIWire.MalformedCompletion(),
                    };
                    await WriteJsonAsync(stream, 200, body, [], TimeSpan.Zero);
                }

                return;
            case ScriptedReplyKind.Hang:
                await Task.Delay(reply.Duration, _stop.Token);
                answer = ConformanceScript.Answer(conversation);
                break;
            case ScriptedReplyKind.Text:
                answer = ScriptedAnswer.Say(reply.Body ?? string.Empty, inputTokens, ConformanceScript.OutputTokens);
                break;
            case ScriptedReplyKind.ToolCall:
                answer = ScriptedAnswer.Call(reply.ToolName!, (JsonObject)reply.ToolInput!.DeepClone(), inputTokens, ConformanceScript.OutputTokens) with
                {
                    MoreCalls = [.. reply.MoreCalls.Select(c => (c.ToolName, (JsonObject)c.Input.DeepClone()))],
                };
                break;
            case ScriptedReplyKind.SlowDrip:
                pause = reply.Duration;
                answer = ConformanceScript.Answer(conversation);
                break;
            default:
                answer = ConformanceScript.Answer(conversation);
                break;
        }

        if (conversation.AsksForReasoning && Thinking is { } thinking)
        {
            answer = answer with { Thinking = thinking, Signature = Ids.New("sig_fake"), RedactedData = anthropic ? RedactedThinking : null };
        }

        var toolCallId = Ids.New(api == ScriptedLlmApi.OpenAI ? "call_fake" : "toolu_fake");
        if (api == ScriptedLlmApi.BedrockConverse && conversation.Stream)
        {
            var messages = ConverseWire.StreamMessages(answer, toolCallId).ToList();
            if (reply.Kind == ScriptedReplyKind.CorruptFrame)
            {
                messages[1] = AwsEventStream.Corrupt(messages[1], reply.CorruptsPrelude);
            }

            await WriteEventStreamAsync(stream, messages, pause);
        }
        else if (conversation.Stream)
        {
            var events = api switch
            {
                ScriptedLlmApi.Anthropic => AnthropicWire.StreamEvents(answer, conversation.Model, toolCallId),
                ScriptedLlmApi.Gemini => GeminiWire.StreamEvents(answer, conversation.Model),
                _ => OpenAIWire.StreamEvents(answer, conversation.Model, toolCallId, conversation.IncludeStreamUsage),
            };
            await WriteStreamAsync(stream, events, pause);
        }
        else
        {
            var json = api switch
            {
                ScriptedLlmApi.Anthropic => AnthropicWire.Message(answer, conversation.Model, toolCallId),
                ScriptedLlmApi.Gemini => GeminiWire.Response(answer, conversation.Model),
                ScriptedLlmApi.BedrockConverse => ConverseWire.Response(answer, toolCallId),
                _ => OpenAIWire.Completion(answer, conversation.Model, toolCallId),
            };
            await WriteJsonAsync(stream, 200, json, [], pause);
        }
    }

    private async Task WriteJsonAsync(NetworkStream stream, int status, string json, IEnumerable<KeyValuePair<string, string>> extraHeaders, TimeSpan pause)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/json"),
            new("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("request-id", Ids.New("req_fake")),
        };
        headers.AddRange(extraHeaders);
        await RawHttp.WriteHeadAsync(stream, status, headers, _stop.Token);
        if (pause <= TimeSpan.Zero)
        {
            await stream.WriteAsync(bytes, _stop.Token);
        }
        else
        {
            const int Pieces = 4;
            var size = (bytes.Length + Pieces - 1) / Pieces;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                await Task.Delay(pause, _stop.Token);
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
        }

        await stream.FlushAsync(_stop.Token);
    }

    private Task WriteEventStreamAsync(NetworkStream stream, IReadOnlyList<byte[]> messages, TimeSpan pause) => WriteStreamedAsync(
        stream,
        [new("Content-Type", "application/vnd.amazon.eventstream"), new("x-amzn-bedrock-content-type", "application/json"), new("x-amzn-RequestId", Ids.New("req_fake"))],
        messages,
        pause);

    private Task WriteStreamAsync(NetworkStream stream, IReadOnlyList<string> frames, TimeSpan pause) => WriteStreamedAsync(
        stream,
        [new("Content-Type", "text/event-stream; charset=utf-8"), new("Cache-Control", "no-cache"), new("request-id", Ids.New("req_fake"))],
        frames.Select(Encoding.UTF8.GetBytes),
        pause);

    // A 200 head, then each piece flushed on its own, after the pause when there is one.
    private async Task WriteStreamedAsync(NetworkStream stream, IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<byte[]> pieces, TimeSpan pause)
    {
        await RawHttp.WriteHeadAsync(stream, 200, headers, _stop.Token);
        foreach (var piece in pieces)
        {
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _stop.Token);
            }

            await stream.WriteAsync(piece, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }
}
