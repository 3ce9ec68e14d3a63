using Perstack.App.Tui.Controls;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Shell;

/// <summary>What a screen asks of the workbench around it: moving to another screen, the message line, menus.</summary>
internal interface IWorkbenchShell
{
    WorkbenchServices Services { get; }

    UiWork Work { get; }

    Screen Screen { get; }

    void ShowHistory(JobId? select = null);

    void ShowCheckpoints(Job job, CheckpointId? select = null);

    void ShowEvents(Job job, CheckpointSummary checkpoint, EventSummary? select = null);

    void ShowEventDetail(Job job, CheckpointSummary checkpoint, EventSummary summary);

    /// <summary>The conversation up to <paramref name="checkpoint"/> as text; Back returns to <paramref name="returnTo"/>.</summary>
    void ShowTranscript(Job job, CheckpointSummary checkpoint, Screen returnTo);

    void ShowExperts();

    /// <summary>Opens full-text search (Ctrl+F); Esc comes back to the screen it was opened from.</summary>
    void ShowSearch();

    /// <summary>Opens the help overlay of the screen showing (<c>?</c>).</summary>
    void ShowHelp();

    /// <summary>The history changed (a job renamed, forked, deleted): the search index reads what changed.</summary>
    void HistoryChanged();

    void OpenQuery(string expertKey, ResumePoint? resume, Screen returnTo);

    void SetMessage(string text);

    void OpenMenu(string title, IReadOnlyList<Choice> choices);

    void CloseMenu();

    /// <summary>
    /// Copies <paramref name="text"/> (OSC 52 and the clipboard) and says so on the message line, naming it by
    /// <paramref name="shown"/> when given (a long text).
    /// </summary>
    void Copy(string what, string text, string? shown = null);

    void Quit();
}
