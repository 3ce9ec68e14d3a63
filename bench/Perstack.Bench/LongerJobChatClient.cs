using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Perstack.Bench;

/// <summary>
/// Makes a fake-basic job longer: the model thinks <paramref name="thinks"/> times before the conformance script takes
/// over (which then completes), so a job has <c>thinks + 1</c> steps. Separates what a job costs once from what each
/// step costs.
/// </summary>
internal sealed class LongerJobChatClient(IChatClient inner, int thinks) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        int results = list.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Count();
        if (options?.Tools is null || results >= thinks)
        {
            return base.GetResponseAsync(list, options, cancellationToken);
        }

        var think = new FunctionCallContent("toolu_think_" + Guid.NewGuid().ToString("N")[..16], "think",
            new Dictionary<string, object?> { ["thought"] = JsonSerializer.SerializeToElement($"Thought {results + 1}"), ["nextThoughtNeeded"] = JsonSerializer.SerializeToElement(true) });
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [think]))
        {
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10, TotalTokenCount = 110 },
        });
    }
}
