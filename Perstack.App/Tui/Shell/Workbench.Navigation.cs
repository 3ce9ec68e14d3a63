using Perstack.App.Tui.Screens.Query;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Shell;

/// <summary>Moving between the workbench's screens: one shows at a time, each loaded as it opens.</summary>
internal sealed partial class Workbench
{
    private void Show(Screen screen)
    {
        Screen = screen;
        _footer.Say("");
        _menu.Visible = false;
        _help.Visible = false;
        foreach (var browser in _screens.All)
        {
            browser.View.Visible = browser == Current;
        }

        _query.View.Visible = screen == Screen.Query;
        _execution.View.Visible = screen == Screen.Execution;
        _footer.Visible = screen != Screen.Execution;
        if (Current is { } current)
        {
            current.Enter();
            _footer.ShowKeys(current);
        }
        else if (screen == Screen.Query)
        {
            _footer.ShowKeys(KeyMap.Query);
            _query.Enter();
        }

        SetNeedsDraw();
    }

    private void Return(Screen screen)
    {
        if (screen == Screen.Experts)
        {
            ShowExperts();
        }
        else
        {
            Show(screen);
        }
    }

    public void ShowHistory(JobId? select = null)
    {
        Show(Screen.History);
        _screens.History.Load(select: select);
    }

    public void ShowCheckpoints(Job job, CheckpointId? select = null)
    {
        _screens.Checkpoints.Load(job, select);
        Show(Screen.Checkpoints);
    }

    public void ShowEvents(Job job, CheckpointSummary checkpoint, EventSummary? select = null)
    {
        _screens.Events.Load(job, checkpoint, select);
        Show(Screen.Events);
    }

    public void ShowEventDetail(Job job, CheckpointSummary checkpoint, EventSummary summary)
    {
        _screens.EventDetail.Load(job, checkpoint, summary);
        Show(Screen.EventDetail);
    }

    public void ShowTranscript(Job job, CheckpointSummary checkpoint, Screen returnTo)
    {
        _screens.Transcript.Load(job, checkpoint, returnTo);
        Show(Screen.Transcript);
    }

    public void ShowSearch()
    {
        _follower.SearchOpened();
        Show(Screen.Search);
    }

    public void ShowHelp() => _help.Open(Screen);

    public void ShowExperts()
    {
        Show(Screen.Experts);
        _screens.Experts.Load();
    }

    public void OpenQuery(string expertKey, ResumePoint? resume, Screen returnTo)
    {
        _query.Open(expertKey, resume, returnTo);
        Show(Screen.Query);
    }

    private void Launch(RunSelection selection)
    {
        Show(Screen.Execution);
        _execution.Reset();
        _execution.View.SetFocus();
        _execution.Start(selection, Services.Launcher);
    }
}
