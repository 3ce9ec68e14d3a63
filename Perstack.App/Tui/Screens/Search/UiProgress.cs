using Perstack.App.Tui.Shell;

namespace Perstack.App.Tui.Screens.Search;

/// <summary>Progress reported from a background task, handled on the UI thread.</summary>
internal sealed class UiProgress<T>(IUiDispatcher dispatcher, Action<T> handle) : IProgress<T>
{
    public void Report(T value) => dispatcher.Post(() => handle(value));
}
