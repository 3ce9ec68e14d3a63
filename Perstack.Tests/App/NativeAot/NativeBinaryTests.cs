using FluentAssertions;
using Perstack.TestKit.CloudCredentials;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;
using Perstack.Tests.App.Features.Run;
using Perstack.Tests.App.Providers;

namespace Perstack.Tests.App.NativeAot;

/// <summary>
/// Smoke tests of the published Native AOT binary, so AOT never breaks silently: each runs the binary and compares
/// it with the JIT build (perstack.dll) where both should agree. They run when <c>PERSTACK_NATIVE_BINARY</c> names the
/// binary (.ci/run publishes it and sets it) and are skipped otherwise; a set variable naming no file fails them.
/// </summary>
[TestFixture]
[Category(TestCategories.NativeAot)]
public sealed class NativeBinaryTests
{
    private string _binary = null!;

    [SetUp]
    public void FindBinary()
    {
        var binary = PerstackProcess.NativeBinaryOrIgnore();
        File.Exists(binary).Should().BeTrue($"PERSTACK_NATIVE_BINARY names {binary}, which must be the published binary");
        _binary = binary;
    }

    [Test]
    public async Task A_delegation_run_exports_its_spans_and_logs_to_the_state_folder()
    {
        await using var receiver = Perstack.TestKit.Otlp.OtlpReceiver.Start();
        await using var workspace = RunWorkspace.Create();
        using var state = new TempDirectory();
        workspace.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        workspace.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        workspace.Environment["XDG_STATE_HOME"] = state.Path;

        var run = await workspace.RunNativeAsync(_binary, "run", "fake-coordinator", "Delegate this");

        run.ExitCode.Should().Be(0, run.Error);
        receiver.Spans.Select(s => s.Name).Should().Contain(["perstack.job fake-coordinator", "perstack.delegate fake-worker", "execute_tool think"])
            .And.Contain(name => name.StartsWith("chat ", StringComparison.Ordinal), "the model-call spans of Microsoft.Extensions.AI");
        receiver.MetricNames.Should().Contain("gen_ai.client.token.usage");
        File.ReadAllText(Path.Combine(state.Path, "perstack", "perstack.log")).Should().Contain($"stopped: job {RunWorkspace.JobIdOf(run)}");
    }

    /// <summary>
    /// The start-time choice in Perstack.App.csproj holds: an executable at a fixed address (ELF type EXEC, not a
    /// position-independent DYN) with no dehydrated data to rebuild before Main (no <c>.hydrated</c> section).
    /// </summary>
    [Test]
    public void The_binary_maps_its_runtime_data_from_the_file_instead_of_rebuilding_it_at_start()
    {
        var image = File.ReadAllBytes(_binary);
        image.AsSpan(0, 4).ToArray().Should().Equal([0x7f, (byte)'E', (byte)'L', (byte)'F']);
        BitConverter.ToUInt16(image, 16).Should().Be(2, "ET_EXEC: linked at a fixed address, no relocation at load");
        image.AsSpan().IndexOf(".hydrated\0"u8).Should().Be(-1, "no dehydrated runtime data to rebuild on every start");
    }

    [Test]
    public async Task Version_and_run_help_match_the_jit_build()
    {
        foreach (var args in new[] { new[] { "--version" }, ["run", "--help"] })
        {
            var native = await PerstackProcess.RunNativeAsync(_binary, null, null, args);
            var jit = await PerstackProcess.RunAsync(args);

            native.ExitCode.Should().Be(0, native.Error);

            // The version's "+commit" suffix names the commit each was built from.
            native.Output.Split('+')[0].Should().Be(jit.Output.Split('+')[0]).And.NotBeEmpty();
        }
    }

    [Test]
    public async Task Jobs_list_of_the_fixture_history_matches_the_jit_build()
    {
        using var temp = new TempDirectory();
        var store = Fixture.CopyTo(Path.Combine(temp.Path, "perstack"));

        var native = await PerstackProcess.RunNativeAsync(_binary, null, null, "jobs", "list", "--storage-path", store);
        var jit = await PerstackProcess.RunAsync("jobs", "list", "--storage-path", store);

        native.ExitCode.Should().Be(0, native.Error);
        native.OutputLines.Should().HaveCount(5).And.Equal(jit.OutputLines);
    }

    [TestCase("anthropic")]
    [TestCase("openai")]
    public async Task A_two_step_run_against_the_scripted_llm_completes_as_on_the_jit(string provider)
    {
        await using var workspace = RunWorkspace.Create(ConformanceToml.Text.Replace(
            "providerName = \"anthropic\"", $"providerName = \"{provider}\"", StringComparison.Ordinal));
        workspace.Environment["OPENAI_API_KEY"] = "sk-openai-test-0123456789";

        var native = await workspace.RunNativeAsync(_binary, "run", "fake-basic", "Say hello");
        var jit = await workspace.RunAsync("run", "fake-basic", "Say hello");

        native.ExitCode.Should().Be(0, native.Error);
        RunWorkspace.Sequence(native).Should().Equal(RunWorkspace.Sequence(jit)).And.EndWith("completeRun@2/fake-basic");
        workspace.Server.Requests.Should().HaveCount(6).And.OnlyContain(r => r.Api == (provider == "openai" ? ScriptedLlmApi.OpenAI : ScriptedLlmApi.Anthropic));
    }

    [Test]
    public async Task Vertex_runs_in_the_native_binary_with_a_service_account_key()
    {
        // Google's own credentials library cannot run under Native AOT; perstack's reader (Providers/GoogleAuth) must:
        // source-generated JSON, a JWT signed with RS256 and checked by the stand-in token endpoint.
        await using var cloud = CloudCredentialServer.Start();
        using var home = new TempDirectory();
        using var key = System.Security.Cryptography.RSA.Create(2048);
        cloud.TrustGoogleServiceAccount(key, "perstack-test@my-project.iam.gserviceaccount.com");
        await using var workspace = RunWorkspace.Create(ReferenceTomlProviderRunTests.ReferenceToml("google-vertex", "gemini-2.5-pro"));
        workspace.Environment["GOOGLE_VERTEX_PROJECT"] = "my-project";
        workspace.Environment["GOOGLE_VERTEX_LOCATION"] = "us-central1";
        workspace.Environment["GOOGLE_VERTEX_BASE_URL"] = workspace.Server.Origin;
        workspace.Environment["GOOGLE_APPLICATION_CREDENTIALS"] =
            Providers.GoogleAuth.GoogleDefaultCredentialsTests.ServiceAccountFile(home.Path, key, $"{cloud.Origin}/token");

        var native = await workspace.RunNativeAsync(_binary, "run", "fake-basic", "Say hello");

        native.ExitCode.Should().Be(0, native.Error);
        RunWorkspace.Sequence(native).Should().EndWith("completeRun@2/fake-basic");
        workspace.Server.Requests.Should().HaveCount(3).And.OnlyContain(r =>
            r.Api == ScriptedLlmApi.Gemini && r.Header("Authorization") == $"Bearer {CloudCredentialServer.GoogleAccessToken}-1");
    }

    [Test]
    public async Task Bedrock_resolves_sso_credentials_through_the_aws_sdk_in_the_native_binary()
    {
        // The SDK's SSO provider loads its service clients by assembly name unless they are registered, which a
        // trimmed native binary could not do: this proves the registered ones are compiled in and work.
        await using var cloud = CloudCredentialServer.Start();
        using var home = new TempDirectory();
        await using var workspace = RunWorkspace.Create(ReferenceTomlProviderRunTests.ReferenceToml("amazon-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        foreach (var (name, value) in ReferenceTomlProviderRunTests.SsoProfileEnvironment(home.Path, cloud))
        {
            workspace.Environment[name] = value;
        }

        workspace.Environment["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = workspace.Server.Origin;

        var native = await workspace.RunNativeAsync(_binary, "run", "fake-basic", "Say hello");

        native.ExitCode.Should().Be(0, native.Error);
        RunWorkspace.Sequence(native).Should().EndWith("completeRun@2/fake-basic");
        ReferenceTomlProviderRunTests.AssertSignedBySso(cloud, workspace.Server, "us-west-2");
    }

    [Test]
    public async Task Gemini_runs_in_the_native_binary()
    {
        await using var workspace = RunWorkspace.Create(ReferenceTomlProviderRunTests.ReferenceToml("google", "gemini-2.5-flash"));
        workspace.Environment["GOOGLE_GENERATIVE_AI_API_KEY"] = "google-test-key-0123";
        workspace.Environment["GOOGLE_GENERATIVE_AI_BASE_URL"] = $"{workspace.Server.Origin}/v1beta";

        var native = await workspace.RunNativeAsync(_binary, "run", "fake-basic", "Say hello");

        native.ExitCode.Should().Be(0, native.Error);
        RunWorkspace.Sequence(native).Should().EndWith("completeRun@2/fake-basic");
        workspace.Server.Requests.Should().HaveCount(3).And.OnlyContain(r => r.Api == ScriptedLlmApi.Gemini);
    }

    [Test]
    public async Task An_mcp_stdio_server_answers_a_tool_call_in_the_native_binary()
    {
        await using var workspace = RunWorkspace.Create(McpSkillRunTests.TomlWith());
        workspace.Server.Enqueue(ScriptedReply.ToolCall("echo", """{"text":"hello from the MCP server"}"""));

        var native = await workspace.RunNativeAsync(_binary, "run", "mcp-user", "Say hello", "--verbose");

        native.ExitCode.Should().Be(0, native.Error);
        RunWorkspace.Sequence(native).Should().EndWith("completeRun@2/mcp-user");
        native.OutputLines[3].Should().Contain("hello from the MCP server");
        native.ErrorLines.Should().Contain(line => line.StartsWith("skillConnected test-mcp test-mcp-server 1.2.3 in ", StringComparison.Ordinal));
    }
}
