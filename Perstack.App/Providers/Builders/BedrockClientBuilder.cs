using Amazon.Runtime.CredentialManagement;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.Aws;
using Perstack.App.Providers.BedrockApi;
using Perstack.Core.Domain;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.Builders;

/// <summary>
/// The chat client of <c>amazon-bedrock</c>: the Converse API for every Bedrock model. Credentials, in order: a
/// Bedrock API key (<c>AWS_BEARER_TOKEN_BEDROCK</c>, sent as a bearer token, as the AWS SDKs and the AI SDK do), the
/// access keys of the run's environment, else the AWS SDK's profiles and default chain
/// (<see cref="AwsCredentialSource"/>). The endpoint: <c>[provider.setting].baseUrl</c>, else the AWS SDKs' standard
/// <c>AWS_ENDPOINT_URL_BEDROCK_RUNTIME</c> / <c>AWS_ENDPOINT_URL</c>, else the region's Bedrock runtime.
/// </summary>
internal static class BedrockClientBuilder
{
    public static IChatClient Bedrock(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var profile = values.Environment("AWS_PROFILE");
        var region = values.Optional(request.Setting.Region, "AWS_REGION")
            ?? values.Environment("AWS_DEFAULT_REGION")
            ?? ProfileRegion(profile ?? "default")
            ?? throw new PerstackException("AWS_REGION is not set");
        var baseUrl = Clean(request.Setting.BaseUrl)
            ?? values.Environment("AWS_ENDPOINT_URL_BEDROCK_RUNTIME")
            ?? values.Environment("AWS_ENDPOINT_URL")
            ?? $"https://bedrock-runtime.{region}.amazonaws.com";
        return new ConverseChatClient(http, ChatClientFactory.Endpoint(baseUrl), request.Model.Model, headers, Authorizer(values, region, profile));
    }

    private static Func<HttpRequestMessage, ValueTask> Authorizer(ProviderValues values, string region, string? profile)
    {
        if (values.OptionalSecret("AWS_BEARER_TOKEN_BEDROCK") is { } apiKey)
        {
            return message =>
            {
                message.Headers.TryAddWithoutValidation("Authorization", $"Bearer {apiKey}");
                return ValueTask.CompletedTask;
            };
        }

        AwsCredentialSource credentials;
        if (values.OptionalSecret("AWS_ACCESS_KEY_ID") is { } accessKeyId)
        {
            credentials = AwsCredentialSource.Static(accessKeyId, values.RequiredSecret("AWS_SECRET_ACCESS_KEY"), values.OptionalSecret("AWS_SESSION_TOKEN"));
        }
        else
        {
            credentials = AwsCredentialSource.Chain(profile);
        }

        return new SigV4Authorizer(region, credentials).AuthorizeAsync;
    }

    /// <summary>The <c>region</c> of a profile in the shared config files, or null.</summary>
    private static string? ProfileRegion(string profile) =>
        new CredentialProfileStoreChain().TryGetProfile(profile, out var found) ? found.Region?.SystemName : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
