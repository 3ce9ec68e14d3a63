using System.Text.Json.Serialization;

namespace Perstack.App.Providers.GoogleAuth;

/// <summary>Source-generated JSON for the credentials reader (Native AOT has no reflection-based JSON).</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(GoogleCredentialFile))]
[JsonSerializable(typeof(GoogleTokenResponse))]
internal sealed partial class GoogleAuthJsonContext : JsonSerializerContext;
