using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ReferenceSchemas;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Features.Run;

/// <summary>
/// What <c>perstack run</c> writes, checked with the TypeScript Perstack's own schemas at the seed's commit and at
/// today's main: every file of every scenario is accepted by both; with reasoning on, today's accepts every file and
/// the seed's rejects exactly the files that hold a <c>thinkingPart</c>.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class ReferenceFormatRoundTripTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    [Test]
    public async Task Basic_run()
    {
        (await _workspace.RunAsync("run", "fake-basic", "Say hello")).ExitCode.Should().Be(0);

        await BothVersionsAcceptEveryFileAsync(expectedRunSettings: 1);
    }

    [Test]
    public async Task Delegation()
    {
        var result = await _workspace.RunAsync("run", "fake-coordinator", "Split the work");
        result.ExitCode.Should().Be(0, result.Error);

        var callDelegate = JsonDocument.Parse(result.OutputLines.First(l => l.Contains("\"type\":\"callDelegate\"", StringComparison.Ordinal))).RootElement;
        callDelegate.GetProperty("toolCalls").GetArrayLength().Should().Be(1);
        callDelegate.GetProperty("toolCall").GetProperty("id").GetString().Should().Be(callDelegate.GetProperty("toolCalls")[0].GetProperty("id").GetString());
        await BothVersionsAcceptEveryFileAsync(expectedRunSettings: 3);
    }

    [Test]
    public async Task Interactive_stop_and_answer()
    {
        var first = await _workspace.RunAsync("run", "fake-interactive", "Ask me something");
        var answer = await _workspace.RunAsync("run", "fake-interactive", "Yes", "--continue-job", RunWorkspace.JobIdOf(first), "-i");
        answer.ExitCode.Should().Be(0, answer.Error);

        await BothVersionsAcceptEveryFileAsync(expectedRunSettings: 2);
        var settings = ReferenceSchemaKit.HistoryFiles(_workspace.Store).Where(f => f.EndsWith("run-setting.json", StringComparison.Ordinal))
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        var answers = settings.Where(s => s.GetProperty("input").TryGetProperty("interactiveToolCallResult", out _)).ToList();
        answers.Should().ContainSingle();
        answers[0].GetProperty("input").GetProperty("interactiveToolCallResult").GetProperty("skillName").GetString().Should().Be("user-input");
    }

    [Test]
    public async Task Max_steps()
    {
        var result = await _workspace.RunAsync("run", "fake-writer", "Write it", "--max-steps", "2");
        RunWorkspace.Sequence(result).Should().Contain(s => s.StartsWith("stopRunByExceededMaxSteps@2/", StringComparison.Ordinal));

        await BothVersionsAcceptEveryFileAsync(expectedRunSettings: 1);
    }

    [Test]
    public async Task Resume_from_an_earlier_checkpoint()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        var firstCheckpoint = JsonDocument.Parse(first.OutputLines.First(l => l.Contains("\"type\":\"continueToNextStep\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("checkpoint").GetProperty("id").GetString()!;

        var resumed = await _workspace.RunAsync("run", "fake-basic", "Again", "--continue-job", RunWorkspace.JobIdOf(first), "--resume-from", firstCheckpoint);
        resumed.ExitCode.Should().Be(0, resumed.Error);

        await BothVersionsAcceptEveryFileAsync(expectedRunSettings: 2);
    }

    [Test]
    public async Task Parallel_tool_calls()
    {
        _workspace.Server.Enqueue(ScriptedReply.ToolCalls(("think", """{"thought":"one","nextThoughtNeeded":true}"""), ("think", """{"thought":"two","nextThoughtNeeded":false}""")));

        var result = await _workspace.RunAsync("run", "fake-basic", "Think twice at once");
        result.ExitCode.Should().Be(0, result.Error);

        var callTools = JsonDocument.Parse(result.OutputLines.First(l => l.Contains("\"type\":\"callTools\"", StringComparison.Ordinal))).RootElement;
        callTools.GetProperty("toolCalls").GetArrayLength().Should().Be(2);
        await BothVersionsAcceptEveryFileAsync(expectedRunSettings: 1);
    }

    [Test]
    public async Task With_thinking_today_accepts_every_file_and_the_seed_rejects_only_those_holding_a_thinking_part()
    {
        _workspace.Server.Thinking = "The user wants a greeting; think, then complete.";

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--reasoning-budget", "low");
        result.ExitCode.Should().Be(0, result.Error);

        var verdicts = await ReferenceSchemaKit.ValidateTreeAsync(_workspace.Store);
        verdicts.Where(v => v.Version == SchemaVerdict.Main).Should().OnlyContain(v => v.Ok);
        var holdingThinking = verdicts.Select(v => v.File).Distinct().Where(f => File.ReadAllText(f).Contains("\"thinkingPart\"", StringComparison.Ordinal)).ToHashSet();
        holdingThinking.Should().Contain(f => f.Contains("/checkpoints/", StringComparison.Ordinal));
        verdicts.Where(v => v.Version == SchemaVerdict.Seed && !v.Ok).Select(v => v.File).Should().BeEquivalentTo(holdingThinking);
        verdicts.Where(v => v.Version == SchemaVerdict.Seed && !v.Ok).Should().OnlyContain(v => v.Error!.Contains("Invalid input", StringComparison.Ordinal));
    }

    [Test]
    public async Task Thinking_is_stored_with_its_signature_first_in_the_reply_and_sent_back_in_position()
    {
        _workspace.Server.Thinking = "Plan: think, then complete.";
        _workspace.Server.RedactedThinking = "ZW5jcnlwdGVkLXJlYXNvbmluZw==";

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--reasoning-budget", "medium");
        result.ExitCode.Should().Be(0, result.Error);

        var callTools = JsonDocument.Parse(result.OutputLines.First(l => l.Contains("\"type\":\"callTools\"", StringComparison.Ordinal))).RootElement;
        var contents = callTools.GetProperty("newMessage").GetProperty("contents");
        contents[0].GetProperty("type").GetString().Should().Be("thinkingPart");
        contents[0].GetProperty("thinking").GetString().Should().Be("Plan: think, then complete.");
        var signature = contents[0].GetProperty("signature").GetString();
        signature.Should().StartWith("sig_fake");
        contents[1].GetProperty("type").GetString().Should().Be("thinkingPart");
        contents[1].GetProperty("thinking").GetString().Should().BeEmpty();
        contents[1].GetProperty("redactedData").GetString().Should().Be("ZW5jcnlwdGVkLXJlYXNvbmluZw==");
        contents[2].GetProperty("type").GetString().Should().Be("toolCallPart");

        var first = JsonDocument.Parse(_workspace.Server.Requests[0].Body).RootElement;
        first.GetProperty("thinking").GetRawText().Should().Be("""{"type":"enabled","budget_tokens":5000}""");
        first.TryGetProperty("temperature", out _).Should().BeFalse();
        var second = JsonDocument.Parse(_workspace.Server.Requests[1].Body).RootElement;
        var assistant = second.GetProperty("messages").EnumerateArray().First(m => m.GetProperty("role").GetString() == "assistant").GetProperty("content");
        assistant[0].GetRawText().Should().Be($$"""{"type":"thinking","thinking":"Plan: think, then complete.","signature":"{{signature}}"}""");
        assistant[1].GetRawText().Should().Be("""{"type":"redacted_thinking","data":"ZW5jcnlwdGVkLXJlYXNvbmluZw=="}""");
        assistant[2].GetProperty("type").GetString().Should().Be("tool_use");
    }

    [Test]
    public async Task No_reasoning_budget_asks_for_no_thinking_and_writes_none()
    {
        _workspace.Server.Thinking = "unused";

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--reasoning-budget", "none");
        result.ExitCode.Should().Be(0, result.Error);

        _workspace.Server.Requests.Should().OnlyContain(r => !r.Body.Contains("\"thinking\"", StringComparison.Ordinal));
        result.Output.Should().NotContain("thinkingPart");
        var setting = ReferenceSchemaKit.HistoryFiles(_workspace.Store).Single(f => f.EndsWith("run-setting.json", StringComparison.Ordinal));
        JsonDocument.Parse(File.ReadAllText(setting)).RootElement.GetProperty("reasoningBudget").GetString().Should().Be("none");
        (await ReferenceSchemaKit.ValidateTreeAsync(_workspace.Store)).Should().OnlyContain(v => v.Ok);
    }

    [Test]
    public async Task OpenAI_style_reasoning_is_asked_by_effort_stored_unsigned_and_not_sent_back()
    {
        _workspace.Server.Thinking = "Reasoning summary.";
        _workspace.Environment["OPENAI_API_KEY"] = "sk-openai-test-secret-0123456789";

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--provider", "openai", "--model", "gpt-5", "--reasoning-budget", "high");

        result.ExitCode.Should().Be(0, result.Error);
        var requests = _workspace.Server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        requests.Should().OnlyContain(r => r.GetProperty("reasoning_effort").GetString() == "high");
        _workspace.Server.Requests.Should().OnlyContain(r => !r.Body.Contains("perstack.", StringComparison.Ordinal) && !r.Body.Contains("reasoning_content", StringComparison.Ordinal));
        requests.Should().OnlyContain(r => r.EnumerateObject().All(p => p.Name != "temperature"));
        var callTools = JsonDocument.Parse(result.OutputLines.First(l => l.Contains("\"type\":\"callTools\"", StringComparison.Ordinal))).RootElement;
        var thinking = callTools.GetProperty("newMessage").GetProperty("contents")[0];
        thinking.GetProperty("type").GetString().Should().Be("thinkingPart");
        thinking.GetProperty("thinking").GetString().Should().Be("Reasoning summary.");
        thinking.TryGetProperty("signature", out _).Should().BeFalse();
    }

    [Test]
    public async Task DeepSeek_gets_no_reasoning_options_as_in_the_reference()
    {
        _workspace.Environment["DEEPSEEK_API_KEY"] = "sk-deepseek-test-secret-0123456789";

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--provider", "deepseek", "--model", "deepseek-reasoner", "--reasoning-budget", "high");

        result.ExitCode.Should().Be(0, result.Error);
        _workspace.Server.Requests.Should().NotBeEmpty().And.OnlyContain(r => !r.Body.Contains("reasoning_effort", StringComparison.Ordinal));
    }

    /// <summary>Every file the run wrote passes both versions' rules; each run folder has its run setting.</summary>
    private async Task BothVersionsAcceptEveryFileAsync(int expectedRunSettings)
    {
        var verdicts = await ReferenceSchemaKit.ValidateTreeAsync(_workspace.Store);

        verdicts.Where(v => !v.Ok).Should().BeEmpty();
        verdicts.Select(v => v.Kind).Should().Contain(["job", "checkpoint", "runSetting", "event"]);
        var runFolders = Directory.GetDirectories(Path.Combine(_workspace.Store, "jobs"), "*", SearchOption.AllDirectories)
            .Where(d => Path.GetFileName(Path.GetDirectoryName(d)) == "runs").ToList();
        runFolders.Should().HaveCount(expectedRunSettings).And.OnlyContain(d => File.Exists(Path.Combine(d, "run-setting.json")));
    }
}
