using System.Globalization;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Screens.Query;

/// <summary>Query entry: a box naming the expert (and the checkpoint resumed), Enter starts the run, Esc goes back.</summary>
internal sealed class QueryPanel : View
{
    private readonly Label _expert;
    private readonly Label _label;
    private readonly InputField _field;
    private string? _expertKey;
    private ResumePoint? _resume;
    private Screen _returnTo = Screen.History;

    public QueryPanel()
    {
        CanFocus = true;
        _expert = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _label = new Label { X = 0, Y = 2, Text = "Query: ", Height = 1 };
        _field = new InputField { X = Pos.Right(_label), Y = 2, Width = Dim.Fill() };
        var frame = new FrameView { Title = "New run", X = 0, Y = 1, Width = Dim.Fill(), Height = 7 };
        frame.Add(_expert, _label, _field, new Label { X = 0, Y = 4, Text = "Press Enter to start", Height = 1 });
        Add(frame);
        _field.Submitted += (_, text) =>
        {
            if (!string.IsNullOrWhiteSpace(text) && _expertKey is not null)
            {
                Submitted?.Invoke(this, new RunSelection(_expertKey, text.Trim(), _resume));
            }
        };
        _field.Cancelled += (_, _) => Cancelled?.Invoke(this, _returnTo);
    }

    /// <summary>A non-blank query was entered.</summary>
    public event EventHandler<RunSelection>? Submitted;

    /// <summary>Esc: back to the screen the query was opened from.</summary>
    public event EventHandler<Screen>? Cancelled;

    public string Heading => _expert.Text ?? "";

    /// <summary>Prepares the box for <paramref name="expertKey"/>, resuming <paramref name="resume"/> if given.</summary>
    public void Open(string expertKey, ResumePoint? resume, Screen returnTo)
    {
        _expertKey = expertKey;
        _resume = resume;
        _returnTo = returnTo;
        _expert.Text = resume?.StepNumber is { } step
            ? string.Create(CultureInfo.InvariantCulture, $"Expert: {expertKey} (resuming from step {step})")
            : resume is not null ? $"Expert: {expertKey} (continuing job {resume.JobId})" : $"Expert: {expertKey}";
        _label.Text = resume?.WaitsForAnswer == true ? "Answer: " : "Query: ";
        _field.Text = "";
    }

    public void Enter() => _field.SetFocus();
}
