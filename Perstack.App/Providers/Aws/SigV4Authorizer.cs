using Anthropic.Bedrock;

namespace Perstack.App.Providers.Aws;

/// <summary>
/// Signs a Bedrock request with AWS Signature Version 4 (through the Anthropic Bedrock SDK's public
/// <see cref="AWSSigner"/>), with <c>x-amz-security-token</c> for temporary credentials.
/// </summary>
internal sealed class SigV4Authorizer(string region, AwsCredentialSource credentials)
{
    public async ValueTask AuthorizeAsync(HttpRequestMessage requestMessage)
    {
        ArgumentNullException.ThrowIfNull(requestMessage);
        var current = await credentials.GetAsync().ConfigureAwait(false);
        var now = DateTime.UtcNow;
        requestMessage.Headers.TryAddWithoutValidation("x-amz-date", AWSSigner.ToAmzDate(now));
        var content = requestMessage.Content is null ? string.Empty : await requestMessage.Content.ReadAsStringAsync().ConfigureAwait(false);
        var payloadHash = AWSSigner.CalculateHash(content);
        requestMessage.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        if (current.UseToken)
        {
            requestMessage.Headers.TryAddWithoutValidation("x-amz-security-token", current.Token);
        }

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
            current.AccessKey,
            current.SecretKey,
            current.UseToken ? current.Token : null);
        requestMessage.Headers.TryAddWithoutValidation("Authorization", authorization);
    }
}
