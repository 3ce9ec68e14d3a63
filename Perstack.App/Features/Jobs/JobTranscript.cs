using System.Globalization;
using System.Text;
using System.Text.Json;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>
/// The markdown transcript of <c>perstack jobs export --format md</c>: the job header, the main branch's conversation
/// (the latest coordinator checkpoint holds all of it), the conversations of the delegates it called, then every
/// checkpoint and run.
/// </summary>
internal static class JobTranscript
{
    /// <summary>Renders the transcript.</summary>
    public static string Render(StoredJob stored, string displayStatus)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var job = stored.Job;
        var text = new StringBuilder();
        text.Append("# ").Append(job.Title is { Length: > 0 } title ? title : $"Job {job.Id}").Append("\n\n");
        Line(text, $"- **Job:** `{job.Id}`");
        Line(text, $"- **Expert:** `{job.CoordinatorExpertKey}`");
        Line(text, $"- **Status:** {displayStatus}");
        Line(text, $"- **Steps:** {job.TotalSteps}{(job.MaxSteps is { } max ? $" (max {max})" : "")}");
        Line(text, $"- **Usage:** {HistoryRows.Tokens(job.Usage)}");
        Line(text, $"- **Started:** {Utc(job.StartedAt)}");
        if (job.FinishedAt is { } finished)
        {
            Line(text, $"- **Finished:** {Utc(finished)}");
        }

        if (job.ForkedFrom is { } origin)
        {
            Line(text, $"- **Forked from:** job `{origin.JobId}`, checkpoint `{origin.CheckpointId}`");
        }

        var checkpoints = stored.Contents.Checkpoints;
        var delegations = DelegationCallIds(checkpoints);
        var main = Latest(checkpoints.Where(c => c.DelegatedBy is null).ToList()) ?? Latest(checkpoints);
        if (main is null)
        {
            Heading(text, "No checkpoints.");
        }
        else
        {
            Heading(text, "## Conversation");
            Conversation(text, main, delegations);

            // The delegates the shown conversations called, each by the last checkpoint of its chain.
            var shown = new HashSet<CheckpointId> { main.Id };
            var pending = new Queue<Checkpoint>([main]);
            while (pending.TryDequeue(out var parent))
            {
                foreach (var call in ToolCalls(parent).Where(c => delegations.Contains(c.ToolCallId)))
                {
                    var chain = checkpoints.Where(c => c.DelegatedBy?.ToolCallId == call.ToolCallId).ToList();
                    if (Latest(chain) is { } child && shown.Add(child.Id))
                    {
                        Heading(text, $"## Delegation: `{child.Expert.Key}` (tool call `{call.ToolCallId}` of `{parent.Expert.Key}`)");
                        Conversation(text, child, delegations);
                        pending.Enqueue(child);
                    }
                }
            }
        }

        Checkpoints(text, stored.Headers);
        Runs(text, stored.Contents.RunSettings);
        return text.ToString();
    }

    /// <summary>
    /// The latest of <paramref name="checkpoints"/>: the most recently written, or for histories without a recorded
    /// write order the highest step (as <c>--continue</c> picks it).
    /// </summary>
    private static Checkpoint? Latest(IReadOnlyList<Checkpoint> checkpoints) =>
        checkpoints.Any(c => c.Sequence is not null)
            ? checkpoints.MaxBy(c => c.Sequence ?? 0)
            : checkpoints.OrderBy(c => c.StepNumber).ThenBy(c => c.Id).LastOrDefault();

    private static HashSet<string> DelegationCallIds(IReadOnlyList<Checkpoint> checkpoints)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var checkpoint in checkpoints)
        {
            if (checkpoint.DelegatedBy is { } by)
            {
                ids.Add(by.ToolCallId);
            }

            foreach (var target in checkpoint.DelegateTo ?? [])
            {
                ids.Add(target.ToolCallId);
            }
        }

        return ids;
    }

    private static IEnumerable<ToolCallPart> ToolCalls(Checkpoint checkpoint) =>
        checkpoint.Messages.OfType<ExpertMessage>().SelectMany(m => m.Contents.OfType<ToolCallPart>());

    private static void Conversation(StringBuilder text, Checkpoint checkpoint, HashSet<string> delegations)
    {
        Line(text, $"_`{checkpoint.Expert.Key}` up to step {checkpoint.StepNumber}: checkpoint `{checkpoint.Id}`, {JobStatusText.Of(checkpoint.Status)}, {HistoryRows.Tokens(checkpoint.Usage)}_");
        var finalAnswer = checkpoint.Status == CheckpointStatus.Completed
            ? checkpoint.Messages.OfType<ExpertMessage>().LastOrDefault(m => m.Contents.OfType<TextPart>().Any())
            : null;
        foreach (var message in checkpoint.Messages)
        {
            switch (message)
            {
                case UserMessage user:
                    Heading(text, "### User");
                    Parts(text, user.Contents);
                    break;
                case ExpertMessage expert:
                    Heading(text, ReferenceEquals(expert, finalAnswer) ? "### Final answer" : $"### Expert `{checkpoint.Expert.Key}`");
                    Parts(text, expert.Contents.Where(p => p is not ToolCallPart).ToList());
                    foreach (var call in expert.Contents.OfType<ToolCallPart>())
                    {
                        var what = delegations.Contains(call.ToolCallId) ? "Delegation to" : "Tool call";
                        Line(text, $"**{what}** `{call.ToolName}` (`{call.ToolCallId}`):");
                        Fenced(text, Indented(call.Args), "json");
                    }

                    break;
                case ToolMessage tool:
                    Heading(text, "### Tool results");
                    foreach (var result in tool.Contents.OfType<ToolResultPart>())
                    {
                        Line(text, $"**Result** of `{result.ToolName}` (`{result.ToolCallId}`){(result.IsError == true ? ", error" : "")}:");
                        Fenced(text, string.Join("\n", result.Contents.Select(PartText)), "text");
                    }

                    break;
                default:
                    break; // the instruction (system prompt) is configuration, not conversation
            }
        }

        if (checkpoint.Error is { } error)
        {
            Heading(text, $"**Stopped by error:** {error.Name}: {error.Message}");
        }
    }

    private static void Parts(StringBuilder text, IReadOnlyList<MessagePart> parts)
    {
        foreach (var part in parts)
        {
            Heading(text, PartText(part));
        }
    }

    private static string PartText(MessagePart part) => part switch
    {
        TextPart t => t.Text,
        ThinkingPart { Thinking.Length: 0 } => "> _(redacted thinking)_",
        ThinkingPart t => "> _Thinking:_ " + t.Thinking.ReplaceLineEndings("\n> "),
        ImageUrlPart i => $"_[image {i.MimeType}: {i.Url}]_",
        ImageInlinePart i => $"_[inline image {i.MimeType}]_",
        ImageBinaryPart i => $"_[image {i.MimeType}]_",
        FileUrlPart f => $"_[file {f.MimeType}: {f.Url}]_",
        FileInlinePart f => $"_[inline file {f.MimeType}]_",
        FileBinaryPart f => $"_[file {f.MimeType}]_",
        ToolResultPart r => $"[result of {r.ToolName}]",
        ToolCallPart c => $"[call of {c.ToolName}]",
        _ => $"_[{part.GetType().Name}]_",
    };

    private static void Checkpoints(StringBuilder text, IReadOnlyList<CheckpointSummary> headers)
    {
        Heading(text, "## Checkpoints");
        Line(text, "| Step | Checkpoint | Expert | Status | Usage |");
        Line(text, "|---:|---|---|---|---|");
        foreach (var h in headers)
        {
            Line(text, $"| {h.StepNumber} | `{h.Id}` | `{h.Expert.Key}` | {JobStatusText.Of(h.Status)} | {HistoryRows.Tokens(h.Usage)} |");
        }
    }

    private static void Runs(StringBuilder text, IReadOnlyList<RunSetting> settings)
    {
        if (settings.Count == 0)
        {
            return;
        }

        Heading(text, "## Runs");
        Line(text, "| Run | Expert | Model | Provider | Started | Input |");
        Line(text, "|---|---|---|---|---|---|");
        foreach (var s in settings.OrderBy(s => s.StartedAt).ThenBy(s => s.RunId))
        {
            var input = s.Input.Text ?? (s.Input.InteractiveToolCallResult is null ? "" : "(interactive answer)");
            Line(text, $"| `{s.RunId}` | `{s.ExpertKey}` | {s.Model} | {s.ProviderConfig.ProviderName} | {Utc(s.StartedAt)} | {Cell(input)} |");
        }
    }

    private static string Cell(string value)
    {
        var oneLine = value.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
        return oneLine.Length > 80 ? string.Concat(oneLine.AsSpan(0, 79), "…") : oneLine;
    }

    private static void Fenced(StringBuilder text, string content, string language)
    {
        // A fence longer than any backtick run inside, so the content can never close it.
        int longest = 0, run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        Heading(text, "").Append(fence).Append(language).Append('\n').Append(content.TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
    }

    private static string Indented(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Utc(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>Starts a block: exactly one blank line before it (none at the start), then <paramref name="line"/> and a blank line.</summary>
    private static StringBuilder Heading(StringBuilder text, string line)
    {
        while (text.Length > 0 && !(text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n'))
        {
            text.Append('\n');
        }

        return line.Length == 0 ? text : text.Append(line).Append("\n\n");
    }
}
