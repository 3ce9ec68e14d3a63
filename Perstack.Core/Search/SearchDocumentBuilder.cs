using System.Text;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Search;

/// <summary>
/// Builds a job's <see cref="SearchDocument"/> from its checkpoints: the text of users' messages, the experts' text,
/// thinking and tool calls (name and arguments), and tool results. System instructions are left out (the same in every
/// job of an expert, they would match everything). Each checkpoint holds the conversation so far, so a message is
/// taken once, from the first checkpoint (in write order) that holds it. At most <see cref="MaxJobText"/> characters
/// per job are indexed.
/// </summary>
public sealed class SearchDocumentBuilder
{
    /// <summary>The most text indexed per job; a job beyond it is searchable in its first this many characters.</summary>
    public const int MaxJobText = 2_000_000;

    private readonly StringBuilder _text = new();
    private readonly List<int> _starts = [];
    private readonly List<int> _owners = [];
    private readonly List<SearchCheckpoint> _checkpoints = [];
    private readonly HashSet<string> _seenMessages = new(StringComparer.Ordinal);

    /// <summary>Adds the messages of <paramref name="checkpoint"/> not already added (call in write order).</summary>
    public void Add(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        int owner = -1;
        foreach (var message in checkpoint.Messages)
        {
            if (message is InstructionMessage || !_seenMessages.Add(message.Id))
            {
                continue;
            }

            foreach (var piece in Texts(message.Contents))
            {
                if (_text.Length >= MaxJobText)
                {
                    return;
                }

                foreach (var line in SearchText.Lines(piece, MaxJobText - _text.Length))
                {
                    if (owner < 0)
                    {
                        owner = _checkpoints.Count;
                        _checkpoints.Add(new SearchCheckpoint(checkpoint.Id, checkpoint.StepNumber));
                    }

                    if (_text.Length > 0)
                    {
                        _text.Append('\n');
                    }

                    _starts.Add(_text.Length);
                    _owners.Add(owner);
                    _text.Append(line);
                }
            }
        }
    }

    /// <summary>The document of <paramref name="job"/> from what was added.</summary>
    public SearchDocument Build(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new SearchDocument
        {
            JobId = job.Id,
            ExpertKey = job.CoordinatorExpertKey,
            Title = job.Title,
            LastActivityAt = job.LastActivityAt,
            Text = _text.ToString(),
            LineStarts = [.. _starts],
            LineCheckpoints = [.. _owners],
            Checkpoints = [.. _checkpoints],
        };
    }

    private static IEnumerable<string> Texts(IReadOnlyList<MessagePart> parts)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart text:
                    yield return text.Text;
                    break;
                case ThinkingPart thinking:
                    yield return thinking.Thinking;
                    break;
                case ToolCallPart call:
                    yield return $"{call.ToolName} {call.Args.GetRawText()}";
                    break;
                case ToolResultPart result:
                    foreach (var inner in Texts(result.Contents))
                    {
                        yield return inner;
                    }

                    break;
                default:
                    break; // images and files: nothing to read
            }
        }
    }
}
