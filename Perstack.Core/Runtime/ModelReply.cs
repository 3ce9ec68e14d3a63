using Perstack.Core.Domain;

namespace Perstack.Core.Runtime;

/// <summary>What one model call produced.</summary>
/// <param name="Calls">Tool calls, unsorted, with their owning skill (empty skill name when no skill owns the tool).</param>
/// <param name="Text">Text the model wrote, if any.</param>
/// <param name="Usage">Usage of the call.</param>
/// <param name="LengthLimited">The reply was cut by the output length limit.</param>
internal sealed record ModelReply(IReadOnlyList<ToolCall> Calls, string? Text, Usage Usage, bool LengthLimited);
