using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Perstack.Tests.Core.Runtime;

/// <summary>
/// An in-process model for runtime tests: it finds which expert is asking from the system prompt and lets the test
/// script that expert's replies. It records how many calls were in flight at once.
/// </summary>
internal sealed class ExpertChatClient : IChatClient
{
    private readonly Func<string, IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> _reply;
    private int _inFlight;
    private int _maxInFlight;

    public ExpertChatClient(Func<string, IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> reply) => _reply = reply;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static ChatResponse Calls(params (string Name, string Query)[] calls)
    {
        var contents = calls.Select(c => (AIContent)new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..12], c.Name,
            c.Query is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["query"] = c.Query })).ToList();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10, TotalTokenCount = 110 },
        };
    }

    public static ChatResponse Text(string text) => new(new ChatMessage(ChatRole.Assistant, text))
    {
        FinishReason = ChatFinishReason.Stop,
        Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10, TotalTokenCount = 110 },
    };

    /// <summary>Whether the conversation already holds a tool result (the expert is past its first call).</summary>
    public static bool HasToolResults(IReadOnlyList<ChatMessage> messages) => messages.Any(m => m.Role == ChatRole.Tool);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var system = list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "";
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            return await _reply(system, list, options, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
