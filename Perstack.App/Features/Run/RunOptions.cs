using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runs;

namespace Perstack.App.Features.Run;

/// <summary>The arguments and options of <c>perstack run</c> (shared later by <c>perstack start</c>).</summary>
internal sealed class RunOptions
{
    public Argument<string> ExpertKey { get; } = new("expertKey") { Description = "The expert to run (a key of perstack.toml)" };

    public Argument<string> Query { get; } = new("query") { Description = "The query; with -i, the answer to the pending interactive tool call" };

    public Option<string?> Config { get; } = new("--config") { Description = "Path to perstack.toml (default: searched upward from the current folder)", HelpName = "path" };

    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = $"LLM provider: {string.Join(", ", ProviderName.All)} (default: perstack.toml [provider], else {ModelSettings.DefaultProvider})",
        HelpName = "name",
    };

    public Option<string?> Model { get; } = new("--model") { Description = $"Model (default: perstack.toml model, else {ModelSettings.DefaultModel})", HelpName = "name" };

    public Option<double?> Temperature { get; } = NumberOptions.Number("--temperature", $"Sampling temperature 0–1 (default: perstack.toml temperature, else {ModelSettings.DefaultTemperature})", "t", 0, 1);

    public Option<ReasoningBudget?> ReasoningBudget { get; } = new("--reasoning-budget")
    {
        Description = "How much the model may reason: none, minimal, low, medium, high or a number of tokens (default: perstack.toml "
            + "reasoningBudget, else low for models known to reason, none for others). The model's thinking is stored in checkpoints "
            + "as thinkingPart, which the seed's TypeScript Perstack (7cb873b) cannot read: it skips such a checkpoint; use none for "
            + "histories it must continue",
        HelpName = "budget",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            var budget = Core.Domain.Runs.ReasoningBudget.TryParse(text);
            if (budget is null)
            {
                result.AddError($"Invalid --reasoning-budget \"{text}\": expected none, minimal, low, medium, high or an integer ≥ 0");
            }

            return budget;
        },
    };

    public Option<int?> MaxSteps { get; } = NumberOptions.Integer("--max-steps", $"Stop the job after N steps in total (default: perstack.toml maxSteps, else {RunLimits.DefaultMaxSteps})", "N", minimum: 1);

    public Option<int?> MaxDelegationDepth { get; } = NumberOptions.Integer(
        "--max-delegation-depth", $"How deeply delegates may nest; a deeper delegation stops the job (default: perstack.toml maxDelegationDepth, else {RunLimits.DefaultMaxDelegationDepth})", "N", minimum: 1);

    public Option<int?> MaxRetries { get; } = NumberOptions.Integer("--max-retries", $"Retries of a failed generation (default: perstack.toml maxRetries, else {ModelSettings.DefaultMaxRetries})", "N", minimum: 0);

    public Option<int?> Timeout { get; } = NumberOptions.Integer("--timeout", $"Timeout per generation in ms (default: perstack.toml timeout, else {ModelSettings.DefaultTimeoutMs})", "ms", minimum: 1);

    public Option<int?> ToolTimeout { get; } = NumberOptions.Integer(
        "--tool-timeout", $"The longest one tool call may take in ms; past it the model gets an error (default: perstack.toml toolTimeout, else {RunLimits.DefaultToolTimeoutMs})", "ms", minimum: 1);

    public Option<JobId?> JobId { get; } = IdSymbols.JobIdOption("--job-id", "id", "Id for a new job (ignored when continuing; the id of an existing job is refused)", bareError: true);

    public Option<string[]> EnvPath { get; } = new("--env-path")
    {
        Description = "A .env file to load; repeatable (default: perstack.toml envPath, else .env and .env.local)",
        HelpName = "path",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> Continue { get; } = new("--continue") { Description = "Continue the most recently updated job" };

    public Option<JobId?> ContinueJob { get; } = IdSymbols.JobIdOption("--continue-job", "jobId", "Continue the given job from its latest checkpoint", bareError: true);

    public Option<CheckpointId?> ResumeFrom { get; } = IdSymbols.CheckpointIdOption("--resume-from", "checkpointId", "Resume from this checkpoint of --continue-job (forks the job)", bareError: true);

    public Option<bool> Interactive { get; } = new("--interactive-tool-call-result", "-i")
    {
        Description = "The query answers the pending interactive tool call (or is {\"toolCallId\",\"toolName\",\"text\"} JSON)",
    };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print progress and skill events on stderr" };

    /// <summary>The run settings given on the command line (null where perstack.toml or the default applies).</summary>
    public RunOverrides ToOverrides(ParseResult parse, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new RunOverrides
        {
            WorkingDirectory = workingDirectory,
            ConfigPath = parse.GetValue(Config),
            Provider = parse.GetValue(Provider),
            Model = parse.GetValue(Model),
            Temperature = parse.GetValue(Temperature),
            ReasoningBudget = parse.GetValue(ReasoningBudget),
            Verbose = parse.GetValue(Verbose),
            MaxSteps = parse.GetValue(MaxSteps),
            MaxRetries = parse.GetValue(MaxRetries),
            MaxDelegationDepth = parse.GetValue(MaxDelegationDepth),
            Timeout = parse.GetValue(Timeout),
            ToolTimeout = parse.GetValue(ToolTimeout),
            JobId = parse.GetValue(JobId),
            Continue = ContinueFrom(parse),
            EnvPaths = parse.GetValue(EnvPath),
        };
    }

    /// <summary>The stored job the continue flags name; null: a new job.</summary>
    public StartPoint? ContinueFrom(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return (parse.GetValue(ContinueJob), parse.GetValue(ResumeFrom)) switch
        {
            ({ } job, { } checkpoint) => new StartPoint.Checkpoint(job, checkpoint),
            ({ } job, null) => new StartPoint.Job(job),
            _ => parse.GetValue(Continue) ? StartPoint.Latest.Instance : null,
        };
    }

    public void AddTo(Command command)
    {
        command.Add(ExpertKey);
        command.Add(Query);
        foreach (var option in new Option[] { Config, Provider, Model, Temperature, ReasoningBudget, MaxSteps, MaxDelegationDepth, MaxRetries, Timeout, ToolTimeout, JobId, EnvPath, Continue, ContinueJob, ResumeFrom, Interactive, Verbose })
        {
            command.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(ResumeFrom) is not null && result.GetResult(ContinueJob) is null)
            {
                result.AddError("--resume-from requires --continue-job");
            }

            // Deliberate divergences: the reference ignores -i without a continue flag (the answer becomes a new job's
            // query) and lets --continue-job win over --continue; both hide a mistake.
            bool Given(Option option) => result.GetResult(option) is { Implicit: false };
            if (Given(Continue) && Given(ContinueJob))
            {
                result.AddError("--continue and --continue-job cannot be used together");
            }

            if (Given(Interactive) && !Given(Continue) && !Given(ContinueJob))
            {
                result.AddError("--interactive-tool-call-result (-i) requires --continue or --continue-job");
            }
        });
    }
}
