using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Runtime;

/// <summary>What one model call produced.</summary>
/// <param name="Calls">Tool calls, unsorted, with their owning skill (empty skill name when no skill owns the tool).</param>
/// <param name="Text">Text the model wrote, if any.</param>
/// <param name="Usage">Usage of the call.</param>
/// <param name="LengthLimited">The reply was cut by the output length limit.</param>
internal sealed record ModelReply(IReadOnlyList<ToolCall> Calls, string? Text, Usage Usage, bool LengthLimited)
{
    /// <summary>The reasoning before the reply, in order (empty when the model did not reason).</summary>
    public IReadOnlyList<ThinkingPart> Thinking { get; init; } = [];
}
