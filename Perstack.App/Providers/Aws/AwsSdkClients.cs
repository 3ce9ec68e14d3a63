using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace Perstack.App.Providers.Aws;

/// <summary>
/// Hands the AWS SDK the service clients its credential providers need (SSO and SSO OIDC for profiles set up with
/// <c>aws sso login</c>, STS for assumed roles and web identity). The SDK otherwise loads those assemblies by name
/// with reflection, which a trimmed Native AOT binary cannot do; registered here, they are compiled in and the same
/// code runs on the JIT and in the native binary.
/// </summary>
internal static class AwsSdkClients
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSSOClient(context => new AmazonSSOClient(
            new AnonymousAWSCredentials(),
            new AmazonSSOConfig { RegionEndpoint = context.SSOClientContextData.Region }));
        registry.RegisterSSOOIDCClient(context => new AmazonSSOOIDCClient(
            new AnonymousAWSCredentials(),
            new AmazonSSOOIDCConfig { RegionEndpoint = context.SSOOIDCClientContextData.Region }));
        registry.RegisterSecurityTokenServiceClient(context => new AmazonSecurityTokenServiceClient(
            new AnonymousAWSCredentials(),
            new AmazonSecurityTokenServiceConfig { RegionEndpoint = context.SecurityTokenServiceClientContextData.Region }));
        return true;
    });

    /// <summary>Registers the clients once per process.</summary>
    public static void Register() => _ = Registered.Value;
}
