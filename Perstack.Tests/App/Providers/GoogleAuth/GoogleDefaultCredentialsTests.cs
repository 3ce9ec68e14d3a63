using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.App.Providers.GoogleAuth;
using Perstack.TestKit.CloudCredentials;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Providers.GoogleAuth;

/// <summary>Application Default Credentials found in Google's order and exchanged at a token endpoint on 127.0.0.1.</summary>
public sealed class GoogleDefaultCredentialsTests
{
    private const string ClientEmail = "perstack-test@my-project.iam.gserviceaccount.com";

    private CloudCredentialServer _cloud = null!;
    private TempDirectory _home = null!;
    private HttpClient _http = null!;
    private RSA _key = null!;

    [SetUp]
    public void SetUp()
    {
        _cloud = CloudCredentialServer.Start();
        _home = new TempDirectory();
        _http = new HttpClient();
        _key = RSA.Create(2048);
    }

    [TearDown]
    public async Task TearDown()
    {
        _key.Dispose();
        _http.Dispose();
        _home.Dispose();
        await _cloud.DisposeAsync();
    }

    /// <summary>A service account key file as the Cloud console downloads it, its token_uri at <paramref name="tokenUri"/>.</summary>
    public static string ServiceAccountFile(string folder, RSA key, string tokenUri, string name = "service-account.json")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "my-project",
            ["private_key_id"] = "test-key-id",
            ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["client_id"] = "1234567890",
            ["token_uri"] = tokenUri,
        }.ToJsonString());
        return path;
    }

    [Test]
    public async Task A_service_account_key_signs_a_jwt_that_the_token_endpoint_accepts()
    {
        _cloud.TrustGoogleServiceAccount(_key, ClientEmail);
        var file = ServiceAccountFile(_home.Path, _key, $"{_cloud.Origin}/token");

        var token = await Find(("GOOGLE_APPLICATION_CREDENTIALS", file)).FetchAsync(CancellationToken.None);

        token.Value.Should().Be($"{CloudCredentialServer.GoogleAccessToken}-1");
        token.ToString().Should().NotContain(token.Value);
        var form = _cloud.GoogleTokenForms.Single();
        form["grant_type"].Should().Be("urn:ietf:params:oauth:grant-type:jwt-bearer");
        form["assertion"].Split('.').Should().HaveCount(3);
    }

    [Test]
    public async Task A_jwt_signed_by_another_key_is_refused_in_one_line_without_the_key()
    {
        using var other = RSA.Create(2048);
        _cloud.TrustGoogleServiceAccount(other, ClientEmail);
        var file = ServiceAccountFile(_home.Path, _key, $"{_cloud.Origin}/token");

        var act = () => Find(("GOOGLE_APPLICATION_CREDENTIALS", file)).FetchAsync(CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<GoogleCredentialsException>()).Which;
        failure.Message.Should().Be($"The token endpoint of {file} refused the credentials (400): invalid_grant: Invalid JWT Signature.");
        failure.IsTransient.Should().BeFalse();
    }

    [Test]
    public async Task Gclouds_well_known_file_with_a_users_login_exchanges_its_refresh_token()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_home.Path, ".config", "gcloud")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "application_default_credentials.json"), new JsonObject
        {
            ["type"] = "authorized_user",
            ["client_id"] = "client-id.apps.googleusercontent.com",
            ["client_secret"] = "d-FL95Q19q7MQmFpd7hHD0Ty",
            ["refresh_token"] = "1//stand-in-refresh-token",
            ["token_uri"] = $"{_cloud.Origin}/token",
        }.ToJsonString());

        var token = await Find(("HOME", _home.Path)).FetchAsync(CancellationToken.None);

        token.Value.Should().Be($"{CloudCredentialServer.GoogleAccessToken}-1");
        _cloud.GoogleTokenForms.Single().Should().Contain(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "client-id.apps.googleusercontent.com",
            ["client_secret"] = "d-FL95Q19q7MQmFpd7hHD0Ty",
            ["refresh_token"] = "1//stand-in-refresh-token",
        });
    }

    [Test]
    public async Task The_credentials_file_variable_wins_over_the_well_known_file_and_cloudsdk_config_moves_it()
    {
        var config = Directory.CreateDirectory(Path.Combine(_home.Path, "gcloud-config")).FullName;
        ServiceAccountFile(config, _key, "https://oauth2.googleapis.com/token", "application_default_credentials.json");

        GoogleDefaultCredentials.WellKnownFile(Env(("CLOUDSDK_CONFIG", config), ("HOME", "/elsewhere")))
            .Should().Be(Path.Combine(config, "application_default_credentials.json"));
        Find(("CLOUDSDK_CONFIG", config)).ToString().Should().Be($"service account {ClientEmail}");
        var named = ServiceAccountFile(_home.Path, _key, $"{_cloud.Origin}/token");
        var token = await Find(("CLOUDSDK_CONFIG", config), ("GOOGLE_APPLICATION_CREDENTIALS", named)).FetchAsync(CancellationToken.None);
        token.Value.Should().StartWith(CloudCredentialServer.GoogleAccessToken, "the named file's token_uri (the stand-in) was used");
    }

    [Test]
    public async Task The_metadata_server_is_asked_only_when_gce_metadata_host_names_it()
    {
        var token = await Find(("HOME", _home.Path), ("GCE_METADATA_HOST", _cloud.MetadataHost)).FetchAsync(CancellationToken.None);

        token.Value.Should().Be($"{CloudCredentialServer.GoogleAccessToken}-1");
        _cloud.Requests.Single().Should().Match<(string Method, string Target, IReadOnlyDictionary<string, string> Headers)>(
            r => r.Target == CloudCredentialServer.MetadataTokenPath && r.Headers["Metadata-Flavor"] == "Google");
    }

    [Test]
    public void Without_any_credentials_the_message_says_what_to_do_and_nothing_is_probed()
    {
        var act = () => Find(("HOME", _home.Path));

        act.Should().Throw<GoogleCredentialsException>().WithMessage(
            "Google Application Default Credentials were not found: set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run `gcloud auth application-default login`, or on Google Cloud set GCE_METADATA_HOST=metadata.google.internal");
        _cloud.Requests.Should().BeEmpty();
    }

    [TestCase("http://oauth2.example.com/token")]
    [TestCase("file:///etc/passwd")]
    [TestCase("https://user:pass@oauth2.googleapis.com/token")]
    [TestCase("not a url")]
    public void A_token_uri_that_is_not_https_or_this_machine_is_refused_before_anything_is_signed(string tokenUri)
    {
        var file = ServiceAccountFile(_home.Path, _key, tokenUri);

        var act = () => Find(("GOOGLE_APPLICATION_CREDENTIALS", file));

        act.Should().Throw<GoogleCredentialsException>().WithMessage($"{file}: token_uri must be an https URL (or http on this machine): {tokenUri}");
    }

    [Test]
    public void Unusable_files_fail_in_one_line_that_never_quotes_the_key()
    {
        var missing = Path.Combine(_home.Path, "missing.json");
        var garbled = Path.Combine(_home.Path, "garbled.json");
        var pem = _key.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(garbled, "{\"type\":\"service_account\",\"private_key\":\"" + pem.Replace("\n", "\\n", StringComparison.Ordinal)[..200]);
        var external = Path.Combine(_home.Path, "external.json");
        File.WriteAllText(external, """{"type":"external_account","audience":"//iam.googleapis.com/x"}""");
        var badKey = Path.Combine(_home.Path, "bad-key.json");
        File.WriteAllText(badKey, new JsonObject { ["type"] = "service_account", ["client_email"] = ClientEmail, ["private_key"] = pem[..300] }.ToJsonString());

        Message(missing).Should().Be($"GOOGLE_APPLICATION_CREDENTIALS names a file that does not exist: {missing}");
        Message(garbled).Should().Be($"{garbled}: not valid JSON");
        Message(external).Should().Be($"{external}: credentials of type \"external_account\" are not supported (use a service_account key or `gcloud auth application-default login`)");
        Message(badKey).Should().Be($"{badKey}: private_key is not a PEM RSA private key");

        string Message(string file)
        {
            var act = () => Find(("GOOGLE_APPLICATION_CREDENTIALS", file));
            var message = act.Should().Throw<GoogleCredentialsException>().Which.Message;
            message.Should().NotContain("MII").And.NotContain("PRIVATE KEY");
            return message;
        }
    }

    [TestCase("169.254.169.254/x")]
    [TestCase("user@127.0.0.1")]
    public void A_metadata_host_with_a_path_or_user_is_refused(string host)
    {
        var act = () => Find(("HOME", _home.Path), ("GCE_METADATA_HOST", host));

        act.Should().Throw<GoogleCredentialsException>().WithMessage($"GCE_METADATA_HOST must be a host name with an optional port (got \"{host}\")");
    }

    private IGoogleAccessTokenSource Find(params (string Name, string Value)[] values) =>
        GoogleDefaultCredentials.Find(Env(values), _http, TimeProvider.System);

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
