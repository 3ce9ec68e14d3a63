using FluentAssertions;
using Perstack.App.Tui.Shell;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Views;

namespace Perstack.Tests.App.Tui.Shell;

/// <summary>Posting to the real main loop: at once on the UI thread, or once the pass has drawn its frame.</summary>
public sealed class AppDispatcherTests
{
    [Test]
    public void Work_posted_for_after_the_frame_runs_once_the_pass_has_drawn_its_frame()
    {
        using var app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        var dispatcher = new AppDispatcher(app);
        var order = new List<string>();
        using var window = new Window();
        int passes = 0;
        // At the start of a pass, as a key read from the terminal is handled: before the pass lays out and draws.
        app.Iteration += (_, _) =>
        {
            if (++passes != 3)
            {
                return;
            }

            dispatcher.PostAfterFrame(() =>
            {
                order.Add("after the frame");
                app.RequestStop();
            });
            dispatcher.Post(() => order.Add("posted"));
            order.Add("key");
            window.SetNeedsDraw();
        };
        window.DrawComplete += (_, _) =>
        {
            if (order.Contains("key") && !order.Contains("drawn"))
            {
                order.Add("drawn");
            }
        };
        app.AddTimeout(TimeSpan.FromSeconds(10), () =>
        {
            app.RequestStop();
            return false;
        });

        app.Run(window);

        order.Should().Equal("posted", "key", "drawn", "after the frame");
    }
}
