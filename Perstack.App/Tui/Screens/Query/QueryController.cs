using System.Globalization;
using Perstack.App.Tui.Shell;

namespace Perstack.App.Tui.Screens.Query;

/// <summary>Query entry: names the expert (and the checkpoint resumed), Enter starts the run, Esc goes back.</summary>
internal sealed class QueryController
{
    private string? _expertKey;
    private ResumePoint? _resume;
    private Screen _returnTo = Screen.History;

    public QueryController()
    {
        View = new QueryView();
        View.Submitted += (_, text) =>
        {
            if (!string.IsNullOrWhiteSpace(text) && _expertKey is not null)
            {
                Submitted?.Invoke(this, new RunSelection(_expertKey, text.Trim(), _resume));
            }
        };
        View.Cancelled += (_, _) => Cancelled?.Invoke(this, _returnTo);
    }

    /// <summary>A non-blank query was entered.</summary>
    public event EventHandler<RunSelection>? Submitted;

    /// <summary>Esc: back to the screen the query was opened from.</summary>
    public event EventHandler<Screen>? Cancelled;

    public QueryView View { get; }

    public string Heading => View.Heading;

    /// <summary>Prepares the box for <paramref name="expertKey"/>, resuming <paramref name="resume"/> if given.</summary>
    public void Open(string expertKey, ResumePoint? resume, Screen returnTo)
    {
        _expertKey = expertKey;
        _resume = resume;
        _returnTo = returnTo;
        View.Show(
            HeadingOf(expertKey, resume),
            resume?.WaitsForAnswer == true ? "Answer: " : "Query: ");
    }

    public void Enter() => View.FocusField();

    /// <summary>
    /// «Expert: key», with what it resumes: «(resuming from step 3, checkpoint ck…)» names the checkpoint so it can be
    /// told from a fork at the same step, and a second line names the job; «(continuing job …)» when it is the job's
    /// latest.
    /// </summary>
    public static string HeadingOf(string expertKey, ResumePoint? resume) => resume switch
    {
        { StepNumber: { } step, CheckpointId: { } checkpoint } =>
            string.Create(CultureInfo.InvariantCulture, $"Expert: {expertKey} (resuming from step {step}, checkpoint {checkpoint})\nJob: {resume.JobId}"),
        { StepNumber: { } step } => string.Create(CultureInfo.InvariantCulture, $"Expert: {expertKey} (resuming from step {step})\nJob: {resume.JobId}"),
        not null => $"Expert: {expertKey} (continuing job {resume.JobId})",
        null => $"Expert: {expertKey}",
    };
}
