using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Checkpoints;

/// <summary>Places checkpoints in their fork tree: a branch's rows come right under the step it forks from, indented by depth.</summary>
internal static class CheckpointTree
{
    /// <summary>
    /// Orders <paramref name="checkpoints"/> (listing order: step, then write order) as a tree. The parent is the
    /// recorded <see cref="CheckpointSummary.ParentCheckpointId"/>, else the first checkpoint one step earlier. A
    /// parent's first child continues its line; later children (forks) start a branch one level deeper, drawn
    /// between the parent and the rest of its line.
    /// </summary>
    public static IReadOnlyList<CheckpointRow> Build(IReadOnlyList<CheckpointSummary> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var byId = new Dictionary<CheckpointId, CheckpointSummary>();
        var firstAtStep = new Dictionary<long, CheckpointSummary>();
        foreach (var c in checkpoints)
        {
            byId.TryAdd(c.Id, c);
            firstAtStep.TryAdd(c.StepNumber, c);
        }

        var children = new Dictionary<CheckpointId, List<CheckpointSummary>>();
        var roots = new List<CheckpointSummary>();
        foreach (var c in checkpoints)
        {
            CheckpointSummary? parent = c.ParentCheckpointId is { } pid && byId.TryGetValue(pid, out var p) && !p.Id.Equals(c.Id)
                ? p
                : firstAtStep.TryGetValue(c.StepNumber - 1, out var previous) ? previous : null;
            if (parent is null)
            {
                roots.Add(c);
            }
            else
            {
                if (!children.TryGetValue(parent.Id, out var list))
                {
                    children[parent.Id] = list = [];
                }

                list.Add(c);
            }
        }

        // Depth first; at each step its forks (later children) come right under it, deeper, before the line goes on
        // with its first child: a fork is drawn under the step it branches from.
        var rows = new List<CheckpointRow>(checkpoints.Count);
        var seen = new HashSet<CheckpointId>();
        var stack = new Stack<(CheckpointSummary Node, int Depth, bool Branch)>();
        for (int i = roots.Count - 1; i >= 0; i--)
        {
            stack.Push((roots[i], i == 0 ? 0 : 1, i > 0));
        }

        while (stack.Count > 0)
        {
            var (node, depth, branch) = stack.Pop();
            if (!seen.Add(node.Id))
            {
                continue;
            }

            rows.Add(new CheckpointRow(node, depth, branch));
            if (children.TryGetValue(node.Id, out var kids))
            {
                stack.Push((kids[0], depth, false));
                for (int i = kids.Count - 1; i >= 1; i--)
                {
                    stack.Push((kids[i], depth + 1, true));
                }
            }
        }

        // Anything unreachable (a parent cycle) still shows, flat.
        rows.AddRange(checkpoints.Where(c => !seen.Contains(c.Id)).Select(c => new CheckpointRow(c, 0, false)));
        return rows;
    }

    /// <summary>The job's latest checkpoint, as <c>--continue-job</c> picks it.</summary>
    public static CheckpointSummary? Latest(IReadOnlyList<CheckpointSummary> checkpoints) => CheckpointBranches.Latest(checkpoints);
}
