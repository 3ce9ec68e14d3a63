using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>One request the scripted LLM received, as logged for assertions.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path, without the query.</param>
/// <param name="Query">Query string without <c>?</c>, or empty.</param>
/// <param name="Headers">Headers (case-insensitive names).</param>
/// <param name="Body">Body text.</param>
/// <param name="Api">Wire format, or null for an unknown path.</param>
/// <param name="IsStreaming">Whether the client asked for SSE.</param>
/// <param name="Reply">The scripted reply it got.</param>
/// <param name="ReceivedAt">When it was read.</param>
public sealed record ScriptedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    ScriptedLlmApi? Api,
    bool IsStreaming,
    ScriptedReply Reply,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The body parsed as JSON, or null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
