using FluentAssertions;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runs;

namespace Perstack.Tests.Core.Runs;

/// <summary>The one place of a run setting's precedence: the flag, else perstack.toml, else the default; the two checks in the reference's order.</summary>
public sealed class RunRequestFactoryTests
{
    private static readonly Expert Worker = new() { Key = "worker", Name = "worker", Version = "1.0.0", Instruction = "x" };

    private static RunOverrides Flags => new() { WorkingDirectory = "/work/space" };

    private static PerstackConfig Toml => new() { SourcePath = "/work/space/perstack.toml", Experts = [Worker] };

    private static RunRequest Create(RunOverrides flags, PerstackConfig config, string expertKey = "worker", IReadOnlyDictionary<string, string>? environment = null) =>
        RunRequestFactory.Create(flags, expertKey, "Say hello", answer: null, config, [], EnvironmentBuilder.Build(new Dictionary<string, string>(environment ?? new Dictionary<string, string>()), []));

    [Test]
    public void Without_flags_or_toml_values_every_setting_is_its_default()
    {
        var request = Create(Flags, Toml);

        request.Model.Provider.Should().Be(ProviderName.Anthropic);
        request.Model.Model.Should().Be("claude-sonnet-4-5");
        request.Model.Temperature.Should().Be(0);
        request.Model.MaxRetries.Should().Be(5);
        request.Model.Timeout.Should().Be(TimeSpan.FromMilliseconds(300_000));
        request.Model.Reasoning.Should().Be(ReasoningBudget.Default, "claude-sonnet-4-5 is known to reason");
        request.Limits.MaxSteps.Should().Be(100);
        request.Limits.MaxDelegationDepth.Should().Be(10);
        request.Limits.ToolTimeout.Should().Be(TimeSpan.FromMilliseconds(60_000));
        request.PerstackApiBaseUrl.Should().Be(RunSetting.DefaultPerstackApiBaseUrl);
        request.AllowEnvFiles.Should().BeFalse();
        request.EnvFilePaths.Should().Equal(Path.GetFullPath("/work/space/.env"), Path.GetFullPath("/work/space/.env.local"));
        request.Start.Should().BeOfType<StartPoint.NewJob>();
        request.Start.Continues.Should().BeFalse();
    }

    private static IEnumerable<TestCaseData> Precedence()
    {
        // Setting, the flag's value, perstack.toml's value, what to read from the request.
        yield return Row("provider", Flags with { Provider = "openai" }, Toml with { ProviderName = "google" }, r => r.Model.Provider.ToString(), "openai", "google");
        yield return Row("model", Flags with { Model = "flag-model" }, Toml with { Model = "toml-model" }, r => r.Model.Model, "flag-model", "toml-model");
        yield return Row("temperature", Flags with { Temperature = 0.7 }, Toml with { Temperature = 0.3 }, r => r.Model.Temperature, 0.7, 0.3);
        yield return Row("reasoning", Flags with { ReasoningBudget = ReasoningBudget.TryParse("high") }, Toml with { ReasoningBudget = ReasoningBudget.None },
            r => r.Model.Reasoning.ToString(), "high", "none");
        yield return Row("maxRetries", Flags with { MaxRetries = 2 }, Toml with { MaxRetries = 3 }, r => r.Model.MaxRetries, 2, 3);
        yield return Row("timeout", Flags with { Timeout = 1_000 }, Toml with { Timeout = 2_000 }, r => r.Model.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        yield return Row("maxSteps", Flags with { MaxSteps = 7 }, Toml with { MaxSteps = 8 }, r => r.Limits.MaxSteps, (long?)7, (long?)8);
        yield return Row("maxDelegationDepth", Flags with { MaxDelegationDepth = 2 }, Toml with { MaxDelegationDepth = 3 }, r => r.Limits.MaxDelegationDepth, 2, 3);
        yield return Row("toolTimeout", Flags with { ToolTimeout = 5_000 }, Toml with { ToolTimeout = 6_000 }, r => r.Limits.ToolTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        yield return Row("envPath", Flags with { EnvPaths = ["flag.env"] }, Toml with { EnvPath = ["toml.env"] },
            r => string.Join(",", r.EnvFilePaths), Path.GetFullPath("/work/space/flag.env"), Path.GetFullPath("/work/space/toml.env"));
    }

    private static TestCaseData Row<T>(string setting, RunOverrides flags, PerstackConfig toml, Func<RunRequest, T> read, T fromFlag, T fromToml) =>
        new TestCaseData(flags, toml, (Func<RunRequest, object?>)(r => read(r)), fromFlag, fromToml).SetArgDisplayNames(setting);

    [TestCaseSource(nameof(Precedence))]
    public void The_flag_wins_over_perstack_toml_which_wins_over_the_default(RunOverrides flags, PerstackConfig toml, Func<RunRequest, object?> read, object? fromFlag, object? fromToml)
    {
        read(Create(flags, toml)).Should().Be(fromFlag, "the flag wins over perstack.toml");
        read(Create(Flags, toml)).Should().Be(fromToml, "perstack.toml wins over the default");
        read(Create(Flags, Toml)).Should().NotBe(fromToml, "the row must tell perstack.toml from the default");
    }

    [Test]
    public void A_toml_delegation_depth_beyond_int_is_capped_not_wrapped() =>
        Create(Flags, Toml with { MaxDelegationDepth = long.MaxValue }).Limits.MaxDelegationDepth.Should().Be(int.MaxValue);

    [Test]
    public void Perstack_toml_settings_that_have_no_flag_reach_the_request()
    {
        var request = Create(Flags, Toml with { AllowEnvFiles = true, PerstackApiBaseUrl = "https://api.example", PerstackBaseSkillCommand = ["base", "skill"] });

        request.AllowEnvFiles.Should().BeTrue();
        request.PerstackApiBaseUrl.Should().Be("https://api.example");
        request.BaseSkillCommand.Should().Equal("base", "skill");
    }

    [Test]
    public void A_new_job_takes_the_job_id_flag_and_a_continued_one_ignores_it()
    {
        var id = JobId.Parse("my-job");
        Create(Flags with { JobId = id }, Toml).Start.Should().Be(new StartPoint.NewJob(id));

        var resume = new StartPoint.Checkpoint(JobId.Parse("old-job"), CheckpointId.Parse("old-checkpoint"));
        Create(Flags with { JobId = id, Continue = resume }, Toml).Start.Should().Be(resume);
    }

    [Test]
    public void Without_a_job_id_flag_each_new_job_gets_a_fresh_id() =>
        ((StartPoint.NewJob)Create(Flags, Toml).Start).Id.Should().NotBe(((StartPoint.NewJob)Create(Flags, Toml).Start).Id);

    [Test]
    public void An_expert_missing_from_perstack_toml_is_refused()
    {
        var act = () => Create(Flags, Toml, expertKey: "nobody");

        act.Should().Throw<PerstackException>().Which.Message.Should().Be("Expert \"nobody\" not found in perstack.toml");
    }

    [TestCase("flag")]
    [TestCase("toml")]
    public void An_unknown_provider_is_refused_with_the_references_message(string from)
    {
        var act = () => from == "flag" ? Create(Flags with { Provider = "nope" }, Toml) : Create(Flags, Toml with { ProviderName = "nope" });

        act.Should().Throw<PerstackException>().Which.Message.Should().Be($"Validation failed:\n  - options.provider: {ProviderName.InvalidOptionMessage}");
    }

    [Test]
    public void The_expert_is_checked_before_the_provider()
    {
        var act = () => Create(Flags with { Provider = "nope" }, Toml, expertKey: "nobody");

        act.Should().Throw<PerstackException>().Which.Message.Should().StartWith("Expert \"nobody\"");
    }

    [Test]
    public void The_environment_and_its_secrets_travel_with_the_request()
    {
        var request = Create(Flags, Toml, environment: new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-secret-value-1234567890" });

        request.Environment.Get("ANTHROPIC_API_KEY").Should().Be("sk-ant-secret-value-1234567890");
        request.Secrets.Redact("key sk-ant-secret-value-1234567890").Should().NotContain("sk-ant-secret-value-1234567890");
    }
}
