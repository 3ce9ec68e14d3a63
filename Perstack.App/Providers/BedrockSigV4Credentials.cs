using Anthropic.Bedrock;

namespace Perstack.App.Providers;

/// <summary>
/// AWS SigV4 signing for Bedrock with temporary credentials: the SDK's
/// <see cref="AnthropicBedrockPrivateKeyCredentials"/> cannot take a session token, so this signs the same way (through
/// the SDK's public <see cref="AWSSigner"/>) and adds <c>x-amz-security-token</c>.
/// </summary>
internal sealed class BedrockSigV4Credentials(string region, string accessKeyId, string secretAccessKey, string sessionToken)
    : IAnthropicBedrockCredentials
{
    public string Region => region;

    public async Task Apply(HttpRequestMessage requestMessage)
    {
        ArgumentNullException.ThrowIfNull(requestMessage);
        var now = DateTime.UtcNow;
        requestMessage.Headers.TryAddWithoutValidation("x-amz-date", AWSSigner.ToAmzDate(now));
        var content = requestMessage.Content is null ? string.Empty : await requestMessage.Content.ReadAsStringAsync().ConfigureAwait(false);
        var payloadHash = AWSSigner.CalculateHash(content);
        requestMessage.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        requestMessage.Headers.TryAddWithoutValidation("x-amz-security-token", sessionToken);

        // Multi-value headers go on the wire joined by ", "; sign and send one comma-joined value instead.
        foreach (var header in requestMessage.Headers.ToList())
        {
            var values = header.Value.ToList();
            if (values.Count > 1)
            {
                requestMessage.Headers.Remove(header.Key);
                requestMessage.Headers.TryAddWithoutValidation(header.Key, string.Join(",", values));
            }
        }

        var authorization = AWSSigner.GetAuthorizationHeader(
            "bedrock",
            region,
            requestMessage.Method.ToString(),
            requestMessage.RequestUri!,
            now,
            requestMessage.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            payloadHash,
            accessKeyId,
            secretAccessKey,
            sessionToken);
        requestMessage.Headers.TryAddWithoutValidation("Authorization", authorization);
    }
}
