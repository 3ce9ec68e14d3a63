namespace Perstack.Core.Runtime;

/// <summary>
/// The job's step limit (<c>maxSteps</c>), shared by every pass of one invocation: the expert's own steps, its
/// delegates', and parallel delegates' each count. A step is counted when it starts; on a continued job the steps
/// before it count as the continued checkpoint's step number.
/// <para>
/// Parallel delegates number their steps from the same parent step, so a job that delegated in parallel can stop at a
/// step number below <c>maxSteps</c>: the limit bounds the steps run, not the highest step number.
/// </para>
/// </summary>
internal sealed class JobStepBudget
{
    private long _started;

    /// <summary>Creates the budget.</summary>
    /// <param name="max">The limit; null: unlimited.</param>
    /// <param name="stepsBefore">Steps the job ran before this invocation.</param>
    public JobStepBudget(long? max, long stepsBefore)
    {
        Max = max;
        _started = stepsBefore;
    }

    /// <summary>The limit; null: unlimited.</summary>
    public long? Max { get; }

    /// <summary>Whether no further step may start.</summary>
    public bool Exhausted => Max is { } max && Volatile.Read(ref _started) >= max;

    /// <summary>Counts a step that runs whatever the limit: the first of an invocation, or a parent resuming to take its delegates' answers.</summary>
    public void Start() => Interlocked.Increment(ref _started);

    /// <summary>Counts a step if the limit allows one more; false (nothing counted) when it does not.</summary>
    public bool TryStart()
    {
        while (true)
        {
            long started = Volatile.Read(ref _started);
            if (Max is { } max && started >= max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _started, started + 1, started) == started)
            {
                return true;
            }
        }
    }

    /// <summary>The answer a delegation gets when the limit keeps it from running (the model sees it as the tool result).</summary>
    public string DelegationNotRun(string delegateName) =>
        $"Delegate \"{delegateName}\" was not run: the job reached its step limit (maxSteps = {Max})";
}
