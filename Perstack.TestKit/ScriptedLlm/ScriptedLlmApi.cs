namespace Perstack.TestKit.ScriptedLlm;

/// <summary>Which wire format a request to the scripted LLM used.</summary>
public enum ScriptedLlmApi
{
    /// <summary>Anthropic Messages API (<c>POST /v1/messages</c>, also Vertex <c>:rawPredict</c>).</summary>
    Anthropic,

    /// <summary>OpenAI Chat Completions (<c>POST …/chat/completions</c>).</summary>
    OpenAI,

    /// <summary>Gemini (<c>POST …/models/{id}:generateContent</c> or <c>:streamGenerateContent</c>; Gemini API and Vertex AI).</summary>
    Gemini,

    /// <summary>Amazon Bedrock Converse (<c>POST /model/{id}/converse</c> or <c>/converse-stream</c>).</summary>
    BedrockConverse,
}
