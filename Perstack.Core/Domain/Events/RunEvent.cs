using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain.Events;

/// <summary>
/// A state-machine event of a run; persisted as <c>runs/&lt;runId&gt;/event-&lt;ts&gt;-&lt;step&gt;-&lt;type&gt;.json</c>
/// and printed as NDJSON by <c>perstack run</c>. JSON discriminated by <c>type</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StartRunEvent), "startRun")]
[JsonDerivedType(typeof(StartGenerationEvent), "startGeneration")]
[JsonDerivedType(typeof(ResumeToolCallsEvent), "resumeToolCalls")]
[JsonDerivedType(typeof(FinishAllToolCallsEvent), "finishAllToolCalls")]
[JsonDerivedType(typeof(RetryEvent), "retry")]
[JsonDerivedType(typeof(CallToolsEvent), "callTools")]
[JsonDerivedType(typeof(CallInteractiveToolEvent), "callInteractiveTool")]
[JsonDerivedType(typeof(CallDelegateEvent), "callDelegate")]
[JsonDerivedType(typeof(ResolveToolResultsEvent), "resolveToolResults")]
[JsonDerivedType(typeof(ResolveThoughtEvent), "resolveThought")]
[JsonDerivedType(typeof(AttemptCompletionEvent), "attemptCompletion")]
[JsonDerivedType(typeof(FinishToolCallEvent), "finishToolCall")]
[JsonDerivedType(typeof(ContinueToNextStepEvent), "continueToNextStep")]
[JsonDerivedType(typeof(StopRunByInteractiveToolEvent), "stopRunByInteractiveTool")]
[JsonDerivedType(typeof(StopRunByDelegateEvent), "stopRunByDelegate")]
[JsonDerivedType(typeof(StopRunByExceededMaxStepsEvent), "stopRunByExceededMaxSteps")]
[JsonDerivedType(typeof(StopRunByErrorEvent), "stopRunByError")]
[JsonDerivedType(typeof(CompleteRunEvent), "completeRun")]
[JsonDerivedType(typeof(StartStreamingReasoningEvent), "startStreamingReasoning")]
[JsonDerivedType(typeof(StreamReasoningEvent), "streamReasoning")]
[JsonDerivedType(typeof(CompleteStreamingReasoningEvent), "completeStreamingReasoning")]
[JsonDerivedType(typeof(StartStreamingRunResultEvent), "startStreamingRunResult")]
[JsonDerivedType(typeof(StreamRunResultEvent), "streamRunResult")]
[JsonDerivedType(typeof(CompleteStreamingRunResultEvent), "completeStreamingRunResult")]
public abstract record RunEvent
{
    /// <summary>Event id.</summary>
    /// <remarks>The base fields are stamped by the emitter, hence not C#-required; JSON still requires them.</remarks>
    [JsonRequired]
    public string Id { get; init; } = "";

    /// <summary>The expert whose checkpoint this is.</summary>
    [JsonRequired]
    public string ExpertKey { get; init; } = "";

    /// <summary>Emit time, epoch ms.</summary>
    [JsonRequired]
    public long Timestamp { get; init; }

    /// <summary>The job.</summary>
    [JsonRequired]
    public JobId JobId { get; init; }

    /// <summary>The run.</summary>
    [JsonRequired]
    public RunId RunId { get; init; }

    /// <summary>The current checkpoint's step number.</summary>
    [JsonRequired]
    public long StepNumber { get; init; }

    /// <summary>The <c>type</c> discriminator of this event, as written to JSON and file names.</summary>
    [JsonIgnore]
    public string Type => TypeName;

    /// <summary>The discriminator; protected so the serializer never sees it as a property.</summary>
    protected abstract string TypeName { get; }

    /// <summary>Fields this version does not know (written by another Perstack), kept so a rewrite never loses them.</summary>
    /// <remarks>Settable only because System.Text.Json cannot bind extension data through an init accessor.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
