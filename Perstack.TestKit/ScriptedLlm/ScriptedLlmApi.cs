namespace Perstack.TestKit.ScriptedLlm;

/// <summary>Which wire format a request to the scripted LLM used.</summary>
public enum ScriptedLlmApi
{
    /// <summary>Anthropic Messages API (<c>POST /v1/messages</c>, also Bedrock <c>/invoke</c> and Vertex <c>:rawPredict</c>).</summary>
    Anthropic,

    /// <summary>OpenAI Chat Completions (<c>POST …/chat/completions</c>).</summary>
    OpenAI,
}
