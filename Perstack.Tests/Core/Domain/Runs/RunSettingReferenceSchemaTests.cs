using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.App.Providers;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Json;
using Perstack.Core.Providers;
using Perstack.TestKit.Files;
using Perstack.TestKit.ReferenceSchemas;

namespace Perstack.Tests.Core.Domain.Runs;

/// <summary>
/// A run setting of every provider passes both TypeScript versions' <c>runSettingSchema</c> (which require the
/// provider's credential fields and <c>perstackApiBaseUrl</c>) while holding no credential: the fields are empty.
/// </summary>
public sealed class RunSettingReferenceSchemaTests
{
    private static readonly Dictionary<string, string[]> CredentialFields = new()
    {
        ["anthropic"] = ["apiKey"],
        ["google"] = ["apiKey"],
        ["openai"] = ["apiKey"],
        ["azure-openai"] = ["apiKey"],
        ["deepseek"] = ["apiKey"],
        ["amazon-bedrock"] = ["accessKeyId", "secretAccessKey"],
        ["ollama"] = [],
        ["google-vertex"] = [],
    };

    private static IEnumerable<string> Providers() => ProviderName.All.Select(name => name.Value);

    [TestCaseSource(nameof(Providers))]
    public async Task Both_versions_accept_it_and_it_holds_no_credential(string providerName)
    {
        using var temp = new TempDirectory();
        var setting = new RunSetting
        {
            Model = "some-model",
            ProviderConfig = new ProviderConfig { ProviderName = providerName, BaseUrl = "https://llm.example.com/v1" },
            JobId = JobId.New(),
            RunId = RunId.New(),
            ExpertKey = "coordinator",
            Input = new RunInput { InteractiveToolCallResult = new InteractiveToolCallResult { ToolCallId = "t1", ToolName = "askUser", SkillName = "user-input", Text = "yes" } },
            Temperature = 0.3,
            ReasoningBudget = ReasoningBudget.Default,
            MaxSteps = 100,
            StartedAt = 1_767_000_000_000,
            UpdatedAt = 1_767_000_000_000,
            PerstackApiBaseUrl = RunSetting.DefaultPerstackApiBaseUrl,
            EnvNames = ["ANTHROPIC_API_KEY"],
        };
        var path = Path.Combine(temp.Path, "jobs", setting.JobId.Value, "runs", setting.RunId.Value, "run-setting.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(setting, PerstackJson.RunSetting));

        var verdicts = await ReferenceSchemaKit.ValidateAsync([path]);

        verdicts.Should().HaveCount(2).And.OnlyContain(v => v.Ok, "both versions must accept it");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var provider = json["providerConfig"]!.AsObject();
        foreach (var field in CredentialFields[providerName])
        {
            provider[field]!.GetValue<string>().Should().BeEmpty($"{field} is a placeholder, never a credential");
        }

        provider.Select(p => p.Key).Should().NotContain(new[] { "apiKey", "accessKeyId", "secretAccessKey", "sessionToken" }.Except(CredentialFields[providerName]));
        json["perstackApiBaseUrl"]!.GetValue<string>().Should().Be("https://api.perstack.ai");
        json["env"]!.AsObject().Should().BeEmpty();
        json.ContainsKey("perstackApiKey").Should().BeFalse();
    }

    [Test]
    public void A_credential_in_a_typescript_written_file_is_not_even_read()
    {
        var written = """{"model":"m","providerConfig":{"providerName":"amazon-bedrock","accessKeyId":"AKIAREAL","secretAccessKey":"real-secret","region":"us-east-1"},"jobId":"j1","runId":"r1","expertKey":"e","input":{},"experts":{},"temperature":0,"maxRetries":5,"timeout":1,"startedAt":1,"updatedAt":1,"perstackApiBaseUrl":"https://api.perstack.ai","perstackApiKey":"psk-real","env":{}}"""u8;

        var setting = PerstackJson.TryDeserialize(written, PerstackJson.RunSetting, out var problem)!;
        var rewritten = System.Text.Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(setting, PerstackJson.RunSetting));

        problem.Should().BeNull();
        rewritten.Should().NotContain("AKIAREAL").And.NotContain("real-secret").And.NotContain("psk-real");
        rewritten.Should().Contain("\"region\":\"us-east-1\"");
    }
}
