namespace Perstack.Core.Runtime;

/// <summary>The states of the run state machine (the reference's xstate machine, minus the unreachable ResolvingThought).</summary>
internal enum RunState
{
    Init,
    PreparingForStep,
    GeneratingToolCall,
    CallingTool,
    ResolvingToolResult,
    GeneratingRunResult,
    CallingInteractiveTool,
    CallingDelegate,
    FinishingStep,
    Stopped,
}
