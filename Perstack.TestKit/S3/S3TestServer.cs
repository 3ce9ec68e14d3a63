using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.TestKit.S3;

/// <summary>
/// The real S3-compatible server on 127.0.0.1 the S3 tests run against: <c>tools/s3-server</c> (s3rver from the npm
/// registry, plus conditional writes and whole-object PUTs), installed by <c>scripts/s3-server.sh install</c> (npm ci
/// into the user's cache, once per lock file) and started once per test assembly and mode as a child process that
/// stops with the test host. Each test takes a fresh bucket (<see cref="CreateBucketAsync"/>).
/// Two servers: <see cref="SharedAsync"/> honours <c>If-None-Match</c>/<c>If-Match</c> on PUT as AWS S3 does;
/// <see cref="WithoutConditionalWritesAsync"/> ignores them, as plain s3rver and some S3-compatible stores do.
/// .ci/run starts the first one itself and names it in <c>$PERSTACK_TEST_S3_ENDPOINT</c>; then the tests use it.
/// What the server does not check: SigV4 signatures (a wrong secret is accepted; an unknown access key id is refused).
/// </summary>
internal sealed class S3TestServer
{
    /// <summary>The access key id and secret the server knows (s3rver's dummy account).</summary>
    public const string AccessKeyId = "S3RVER";

    /// <inheritdoc cref="AccessKeyId"/>
    public const string SecretAccessKey = "S3RVER";

    /// <summary>The region the tests sign for (the server accepts any).</summary>
    public const string Region = "us-east-1";

    /// <summary>Set by .ci/run to the conditional-writes server it started.</summary>
    public const string EndpointVariable = "PERSTACK_TEST_S3_ENDPOINT";

    private static readonly Lazy<Task<S3TestServer>> Conditional = new(() => StartOrReuseAsync(conditionalWrites: true));
    private static readonly Lazy<Task<S3TestServer>> Plain = new(() => StartAsync(conditionalWrites: false));
    private static int s_buckets;

    private S3TestServer(Uri endpoint, bool honoursConditionalWrites)
    {
        Endpoint = endpoint;
        HonoursConditionalWrites = honoursConditionalWrites;
    }

    /// <summary>The server's URL, e.g. <c>http://127.0.0.1:40993</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Whether a PUT's <c>If-None-Match: *</c> and <c>If-Match</c> are honoured (412 when they do not hold).</summary>
    public bool HonoursConditionalWrites { get; }

    /// <summary>The server that honours conditional writes, as AWS S3 does.</summary>
    public static Task<S3TestServer> SharedAsync() => Conditional.Value;

    /// <summary>The server that ignores conditional writes.</summary>
    public static Task<S3TestServer> WithoutConditionalWritesAsync() => Plain.Value;

    /// <summary>A client of this server with the test credentials (path-style, checksums only where required).</summary>
    public IAmazonS3 CreateClient(string? accessKeyId = null) => CreateClient(Endpoint, accessKeyId);

    /// <summary>A client of <paramref name="endpoint"/> (the server, or a proxy in front of it).</summary>
    public static IAmazonS3 CreateClient(Uri endpoint, string? accessKeyId = null, int maxErrorRetry = 0)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            // s3rver stores a body as sent: no aws-chunked framing, no trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = maxErrorRetry,
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKeyId ?? AccessKeyId, SecretAccessKey), config);
    }

    /// <summary>Creates a new, empty bucket with a name no other test uses.</summary>
    public async Task<S3TestBucket> CreateBucketAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"t{Environment.ProcessId}-{Interlocked.Increment(ref s_buckets)}-{Guid.NewGuid().ToString("N")[..8]}");
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return new S3TestBucket(this, name);
    }

    /// <summary>
    /// What a child <c>perstack</c> process needs to reach <paramref name="endpoint"/> (default: this server) and
    /// nothing else: the endpoint, the test credentials and region, and every credential source that could probe
    /// the network (instance metadata, containers) or read the user's profiles pointed at 127.0.0.1 or a missing file.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment(Uri? endpoint = null, string? accessKeyId = null) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL_S3"] = (endpoint ?? Endpoint).ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = accessKeyId ?? AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
            ["AWS_REGION"] = Region,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:9/",
            ["AWS_CONFIG_FILE"] = MissingFile,
            ["AWS_SHARED_CREDENTIALS_FILE"] = MissingFile,
        };

    private static string MissingFile => Path.Combine(Path.GetTempPath(), "perstack-tests-no-aws-config", "none");

    private static async Task<S3TestServer> StartOrReuseAsync(bool conditionalWrites)
    {
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } given)
        {
            return new S3TestServer(new Uri(given), conditionalWrites);
        }

        return await StartAsync(conditionalWrites);
    }

    private static async Task<S3TestServer> StartAsync(bool conditionalWrites)
    {
        var installed = await InstallAsync();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var data = Path.Combine(Path.GetTempPath(), "perstack-tests-s3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        // --openssl-legacy-provider: s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps there.
        foreach (var argument in new[] { "--openssl-legacy-provider", Path.Combine(installed, "server.js"), "--port", "0", "--directory", data,
                     "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (!conditionalWrites)
        {
            start.ArgumentList.Add("--no-conditional-writes");
        }

        var process = ChildProcess.Start(start);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"tools/s3-server/server.js printed \"{line}\"");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
                Directory.Delete(data, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Already gone; the temp folder is left to the system.
            }
        };
        return new S3TestServer(new Uri(line["listening ".Length..]), conditionalWrites);
    }

    /// <summary><c>scripts/s3-server.sh install</c>: the folder that holds server.js and its node_modules.</summary>
    private static async Task<string> InstallAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "s3-server.sh"));
        start.ArgumentList.Add("install");
        using var process = ChildProcess.Start(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/s3-server.sh install failed ({process.ExitCode}): {await error}");
        }

        return (await output).Trim();
    }
}
