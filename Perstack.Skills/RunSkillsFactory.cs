using Perstack.Core.Runs;
using Perstack.Core.Skills;
using Perstack.Core.Storage;
using Perstack.Skills.Base;
using Perstack.Skills.Mcp;

namespace Perstack.Skills;

/// <summary>
/// The skills of one run: the base skill confined to the run's workspace, with the history hidden from its file tools,
/// and MCP servers that see the run's environment and time out after its tool timeout.
/// </summary>
public sealed class RunSkillsFactory(HistoryLocation history) : IRunSkillsFactory
{
    /// <inheritdoc />
    public ISkillSetFactory Create(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SkillSetFactory(
            new BaseSkillOptions(request.WorkingDirectory)
            {
                HiddenDirectories = history.IsFolder ? [history.Root] : [],
                AllowEnvFiles = request.AllowEnvFiles,
                EnvFiles = request.EnvFilePaths,
            },
            new McpSkillOptions
            {
                Environment = request.Environment.Get,
                BaseSkillCommand = request.BaseSkillCommand,
                CallTimeout = request.Limits.ToolTimeout,
            });
    }
}
