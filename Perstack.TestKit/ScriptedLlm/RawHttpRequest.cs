namespace Perstack.TestKit.ScriptedLlm;

/// <summary>One HTTP/1.1 request as read off the socket.</summary>
/// <param name="Method">Request method.</param>
/// <param name="Target">Request target (path and query).</param>
/// <param name="Headers">Headers, case-insensitive; repeated headers joined with ", ".</param>
/// <param name="Body">Body bytes (de-chunked).</param>
internal sealed record RawHttpRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);
