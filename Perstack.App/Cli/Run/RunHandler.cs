using System.CommandLine;
using Perstack.App.Config;
using Perstack.App.Output;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Core.Skills.Base;
using Perstack.Core.Skills.Mcp;
using Perstack.Core.Storage;

namespace Perstack.App.Cli.Run;

/// <summary>
/// Turns <c>perstack run</c>'s options into a job run, in the reference's order of checks: flags, perstack.toml,
/// the checkpoint to continue, the expert, the provider — all before any job folder is written.
/// </summary>
internal sealed class RunHandler
{
    private const string DefaultModel = "claude-sonnet-4-5";
    private readonly CliContext _context;
    private readonly RunOptions _options;
    private readonly ParseResult _parse;

    public RunHandler(CliContext context, RunOptions options, ParseResult parse)
    {
        _context = context;
        _options = options;
        _parse = parse;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var continueOptions = new ContinueOptions(_parse.GetValue(_options.Continue), _parse.GetValue(_options.ContinueJob), _parse.GetValue(_options.ResumeFrom));
        ContinueResolver.ValidateFlags(continueOptions);
        var newJobId = _parse.GetValue(_options.JobId) is { } jobIdText ? JobId.Parse(jobIdText) : (JobId?)null;

        var workingDirectory = Environment.CurrentDirectory;
        var config = ConfigFileLocator.Load(workingDirectory, _parse.GetValue(_options.Config));
        var environment = EnvFileLoader.LoadEnvironment(workingDirectory, _parse.GetValue(_options.EnvPath), config, Environment.GetEnvironmentVariables());
        var experts = config.Experts.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var expertKey = _parse.GetRequiredValue(_options.ExpertKey);
        if (!experts.ContainsKey(expertKey))
        {
            throw new PerstackException($"Expert \"{expertKey}\" not found in perstack.toml");
        }

        var providerName = _parse.GetValue(_options.Provider) ?? config.ProviderName ?? ProviderNames.Anthropic;
        if (!ProviderNames.All.Contains(providerName))
        {
            throw new PerstackException($"Validation failed:\n  - options.provider: {ProviderNames.InvalidOptionMessage}");
        }

        var model = _parse.GetValue(_options.Model) ?? config.Model ?? DefaultModel;
        int maxRetries = _parse.GetValue(_options.MaxRetries) ?? (int)(config.MaxRetries ?? 5);
        long timeout = _parse.GetValue(_options.Timeout) ?? config.Timeout ?? 300_000;

        var continueFrom = await new ContinueResolver(_context.Get<IJobStore>(), _context.Get<ICheckpointStore>())
            .ResolveAsync(continueOptions, expertKey, cancellationToken).ConfigureAwait(false);
        var query = _parse.GetRequiredValue(_options.Query);
        var input = _parse.GetValue(_options.Interactive) && continueFrom is not null
            ? new RunInput { InteractiveToolCallResult = InteractiveAnswer.Resolve(continueFrom, query) }
            : new RunInput { Text = query };

        // Fails fast (e.g. "ANTHROPIC_API_KEY is not set") before anything is written.
        var chat = _context.Get<IChatClientFactory>().Create(new ProviderRequest
        {
            ProviderName = providerName,
            Model = model,
            Setting = config.ProviderSetting,
            Environment = environment.Get,
            MaxRetries = maxRetries,
            Timeout = TimeSpan.FromMilliseconds(timeout),
        });

        var request = new JobRunRequest
        {
            JobId = continueFrom?.JobId ?? newJobId ?? JobId.New(),
            ExpertKey = expertKey,
            Input = input,
            ContinueFrom = continueFrom,
            Experts = experts,
            Model = model,
            Provider = new ProviderConfig { ProviderName = providerName, BaseUrl = config.ProviderSetting.BaseUrl },
            Temperature = _parse.GetValue(_options.Temperature) ?? config.Temperature ?? 0,
            MaxSteps = _parse.GetValue(_options.MaxSteps) ?? config.MaxSteps,
            MaxRetries = maxRetries,
            TimeoutMs = timeout,
            EnvNames = environment.Names,
            WorkingDirectory = workingDirectory,
        };

        var stdout = new NdjsonEventWriter(_context.Output);
        IRunEventSink[] sinks = _parse.GetValue(_options.Verbose) ? [stdout, new VerboseEventWriter(_context.Error)] : [stdout];
        var runner = new JobRunner(
            _context.Get<IJobStore>(),
            _context.Get<ICheckpointStore>(),
            _context.Get<IRunSettingStore>(),
            _context.Get<IJobLocks>(),
            new SkillSetFactory(new BaseSkillOptions(workingDirectory), new McpSkillOptions { Environment = environment.Get, BaseSkillCommand = config.PerstackBaseSkillCommand }),
            TimeProvider.System);
        try
        {
            await runner.RunAsync(request, chat, new StoringEventSink(_context.Get<IEventStore>(), sinks), cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _context.Error.WriteLineAsync($"Cancelled: job {request.JobId} stopped; continue it with --continue-job {request.JobId}").ConfigureAwait(false);
            return RunCommand.Cancelled;
        }
        finally
        {
            (chat as IDisposable)?.Dispose();
        }
    }
}
