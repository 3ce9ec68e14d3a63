using System.Text.Json;

namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// Google Application Default Credentials, found in Google's order: the file named by
/// <c>GOOGLE_APPLICATION_CREDENTIALS</c>, then gcloud's well-known file
/// (<c>$CLOUDSDK_CONFIG/application_default_credentials.json</c>, else
/// <c>~/.config/gcloud/application_default_credentials.json</c>, <c>%APPDATA%\gcloud\…</c> on Windows), then the
/// metadata server named by <c>GCE_METADATA_HOST</c>. Files may be <c>service_account</c> keys or
/// <c>authorized_user</c> logins.
/// </summary>
/// <remarks>
/// Hand-written because Google's own reader (Google.Apis.Auth, which Anthropic.Vertex uses) deserializes with
/// Newtonsoft.Json through reflection, which Native AOT and trimming cannot run; there is no AOT-safe Google auth
/// package on NuGet. This one uses source-generated JSON and System.Security.Cryptography only.
/// </remarks>
internal static class GoogleDefaultCredentials
{
    /// <summary>The variable naming a credentials file.</summary>
    public const string FileVariable = "GOOGLE_APPLICATION_CREDENTIALS";

    private const string WellKnownFileName = "application_default_credentials.json";

    // A credentials file is a few kilobytes; anything far larger is not one.
    private const long MaxFileBytes = 256 * 1024;

    /// <summary>Finds the credentials (reading their file now) and returns their token source.</summary>
    /// <param name="environment">Environment lookup (process environment merged with .env files).</param>
    /// <param name="http">The client the token requests go through.</param>
    /// <param name="time">The clock of token lifetimes.</param>
    /// <exception cref="GoogleCredentialsException">None were found, or they cannot be used.</exception>
    public static IGoogleAccessTokenSource Find(Func<string, string?> environment, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Value(environment, FileVariable) is { } named)
        {
            return File.Exists(named)
                ? FromFile(named, http, time)
                : throw new GoogleCredentialsException($"{FileVariable} names a file that does not exist: {named}");
        }

        if (WellKnownFile(environment) is { } wellKnown && File.Exists(wellKnown))
        {
            return FromFile(wellKnown, http, time);
        }

        if (Value(environment, MetadataServerTokenSource.HostVariable) is { } host)
        {
            return MetadataServerTokenSource.Create(host, http, time);
        }

        throw new GoogleCredentialsException(
            $"Google Application Default Credentials were not found: set {FileVariable} to a service account key file, run `gcloud auth application-default login`, or on Google Cloud set {MetadataServerTokenSource.HostVariable}=metadata.google.internal");
    }

    /// <summary>gcloud's well-known credentials file, or null when no home folder is known.</summary>
    internal static string? WellKnownFile(Func<string, string?> environment)
    {
        if (Value(environment, "CLOUDSDK_CONFIG") is { } config)
        {
            return Path.Combine(config, WellKnownFileName);
        }

        if (OperatingSystem.IsWindows())
        {
            return Value(environment, "APPDATA") is { } appData ? Path.Combine(appData, "gcloud", WellKnownFileName) : null;
        }

        return Value(environment, "HOME") is { } home ? Path.Combine(home, ".config", "gcloud", WellKnownFileName) : null;
    }

    private static IGoogleAccessTokenSource FromFile(string path, HttpClient http, TimeProvider time)
    {
        GoogleCredentialFile? credentials;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxFileBytes)
            {
                throw new GoogleCredentialsException($"{path}: not a Google credentials file (larger than {MaxFileBytes / 1024} KB)");
            }

            credentials = JsonSerializer.Deserialize(stream, GoogleAuthJsonContext.Default.GoogleCredentialFile);
        }
        catch (JsonException)
        {
            // The parser's message may quote the file, which holds a key.
            throw new GoogleCredentialsException($"{path}: not valid JSON");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoogleCredentialsException($"{path} cannot be read: {ex.Message}", ex);
        }

        return credentials?.Type switch
        {
            "service_account" => ServiceAccountTokenSource.Create(credentials, path, http, time),
            "authorized_user" => AuthorizedUserTokenSource.Create(credentials, path, http, time),
            null => throw new GoogleCredentialsException($"{path}: the credentials file has no \"type\""),
            var type => throw new GoogleCredentialsException(
                $"{path}: credentials of type \"{type}\" are not supported (use a service_account key or `gcloud auth application-default login`)"),
        };
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
