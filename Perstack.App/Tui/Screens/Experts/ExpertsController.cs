using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.Experts;

/// <summary>
/// The experts to start a new run with: configured ones in toml order with their descriptions, then recent ones. i
/// types a key.
/// </summary>
internal sealed class ExpertsController(IWorkbenchShell shell) : ListController<ExpertRow>(shell, KeyMap.Experts)
{
    public override Screen Screen => Screen.Experts;

    protected override string Caption => "Experts";

    protected override string Noun => "expert";

    protected override RowSource<ExpertRow> SourceOf(IReadOnlyList<ExpertRow> rows) => new(rows, r => r.Text, r => r.Summary);

    /// <summary>Reads perstack.toml and the job list off the UI thread; a toml problem is shown, recent experts still are.</summary>
    public void Load()
    {
        int version = BeginLoad();
        Refill(resetSelection: true);
        var jobs = Shell.Services.Jobs;
        var configured = Shell.Services.ConfiguredExperts;
        Shell.Work.Run(
            async () =>
            {
                string? problem = null;
                IReadOnlyList<ExpertChoice> choices = [];
                try
                {
                    choices = configured();
                }
                catch (PerstackException e)
                {
                    problem = e.Message.ReplaceLineEndings(" ");
                }

                var listing = await jobs.ListAsync().ConfigureAwait(false);
                var rows = choices.DistinctBy(c => c.Key, StringComparer.Ordinal).Select(c => new ExpertRow(c.Key, true, c.Description)).ToList();
                var known = new HashSet<string>(choices.Select(c => c.Key), StringComparer.Ordinal);
                rows.AddRange(listing.Items.OrderByDescending(j => j.LastActivityAt)
                    .Select(j => j.CoordinatorExpertKey)
                    .Where(known.Add)
                    .Select(k => new ExpertRow(k, false)));
                return (rows, problem);
            },
            result =>
            {
                if (!IsLatest(version))
                {
                    return;
                }

                EndLoad();
                SetRows(result.rows, resetSelection: true);
                if (result.problem is not null)
                {
                    Shell.SetMessage(result.problem);
                }
            },
            e => Fail(version, e));
    }

    protected override void Reload() => Load();

    protected override string Describe() => Shown.Count == 0 && !Loading
        ? "No experts found. Press i to type a key."
        : Selected?.Summary ?? "";

    protected override bool PerformRow(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Open when Selected is { } row:
                Shell.OpenQuery(row.Key, null, Screen.Experts);
                return true;
            case TuiAction.TypeExpert:
                OpenInput("Expert: ", "", new InputRequest(null, TypedKey, () => { }));
                return true;
            case TuiAction.History or TuiAction.Back:
                Shell.ShowHistory();
                return true;
            default:
                return true;
        }
    }

    private void TypedKey(string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            Shell.OpenQuery(text.Trim(), null, Screen.Experts);
        }
    }
}
