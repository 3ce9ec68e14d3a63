namespace Perstack.TestKit.ScriptedLlm;

/// <summary>What a <see cref="ScriptedReply"/> does with a request.</summary>
public enum ScriptedReplyKind
{
    /// <summary>Answer by the conformance rules.</summary>
    Default,

    /// <summary>Answer with an HTTP error status (and optional <c>Retry-After</c>).</summary>
    Status,

    /// <summary>Send nothing for a while, then answer by the conformance rules.</summary>
    Hang,

    /// <summary>Answer 200 with a body (or stream) that is not JSON.</summary>
    MalformedJson,

    /// <summary>Answer with the given text and no tool call.</summary>
    Text,

    /// <summary>Answer with one call of the given tool.</summary>
    ToolCall,

    /// <summary>Answer by the conformance rules, pausing between SSE events (or body pieces).</summary>
    SlowDrip,

    /// <summary>Reset the TCP connection without answering.</summary>
    ConnectionReset,

    /// <summary>Answer by the conformance rules with one damaged AWS event-stream frame (Bedrock streams only).</summary>
    CorruptFrame,
}
