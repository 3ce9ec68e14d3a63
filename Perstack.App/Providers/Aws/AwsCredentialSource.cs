using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.CredentialManagement;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.Aws;

/// <summary>
/// AWS credentials as AWS users have them, resolved on the first request (so commands that never call the model
/// need none): the access keys of the run's environment (its <c>.env</c> files included), else the named profile of
/// <c>AWS_PROFILE</c>, else the AWS SDK for .NET's default chain (environment, the <c>default</c> profile of
/// <c>~/.aws/config</c> and <c>~/.aws/credentials</c>, SSO after <c>aws sso login</c>, <c>credential_process</c>,
/// assumed roles, web identity, container credentials, EC2 instance roles). The SDK caches and refreshes what it
/// resolves. A failure is a non-retryable <c>LoadAPIKeyError</c> naming the cause, never a credential.
/// </summary>
internal sealed class AwsCredentialSource
{
    private readonly Lazy<AWSCredentials> _credentials;

    private AwsCredentialSource(Func<AWSCredentials> resolve) =>
        _credentials = new Lazy<AWSCredentials>(resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Fixed keys (with a session token for temporary ones).</summary>
    public static AwsCredentialSource Static(string accessKeyId, string secretAccessKey, string? sessionToken) =>
        new(() => sessionToken is null
            ? new BasicAWSCredentials(accessKeyId, secretAccessKey)
            : new SessionAWSCredentials(accessKeyId, secretAccessKey, sessionToken));

    /// <summary>The profile <paramref name="profile"/> of the shared files, or the SDK's default chain when null.</summary>
    public static AwsCredentialSource Chain(string? profile)
    {
        AwsSdkClients.Register();
        return new(() =>
        {
            if (profile is null)
            {
                return DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }

            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
                ? credentials
                : throw new AmazonClientException($"The AWS profile \"{profile}\" (AWS_PROFILE) was not found in the shared config or credentials file");
        });
    }

    /// <summary>The current credentials.</summary>
    /// <exception cref="LlmCallFailedException">None could be resolved.</exception>
    public async ValueTask<ImmutableCredentials> GetAsync()
    {
        try
        {
            return await _credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonClientException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException or HttpRequestException)
        {
            throw new LlmCallFailedException(
                "LoadAPIKeyError",
                $"AWS credentials could not be loaded: {OneLine(ex.Message)}",
                statusCode: null,
                isRetryable: false,
                attempts: 1,
                ex);
        }
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
