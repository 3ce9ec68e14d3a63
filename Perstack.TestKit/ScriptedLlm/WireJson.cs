using System.Text.Encodings.Web;
using System.Text.Json;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>JSON as the providers write it: no escaping of quotes, apostrophes or non-ASCII text.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
