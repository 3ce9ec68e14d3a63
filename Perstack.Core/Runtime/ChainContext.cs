using Microsoft.Extensions.AI;

namespace Perstack.Core.Runtime;

/// <summary>What every pass of one job invocation shares.</summary>
/// <param name="Request">The invocation.</param>
/// <param name="Chat">The model client.</param>
/// <param name="Services">Stores, sink and clock.</param>
/// <param name="Steps">The job's step limit, shared by every pass.</param>
/// <param name="CancellationToken">Ctrl+C.</param>
internal sealed record ChainContext(JobRunRequest Request, IChatClient Chat, RunServices Services, JobStepBudget Steps, CancellationToken CancellationToken);
