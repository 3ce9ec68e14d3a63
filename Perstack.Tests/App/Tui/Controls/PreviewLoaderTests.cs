using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.TestKit.Tui;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>
/// One read at a time, the last selection asked for first; the rows next to it read ahead only when nothing waits, and
/// dropped when the selection moves on.
/// </summary>
public sealed class PreviewLoaderTests
{
    private readonly QueueDispatcher _dispatcher = new();
    private readonly List<string> _reads = [];
    private UiWork _work = null!;
    private PreviewLoader<string, string> _loader = null!;

    [SetUp]
    public void SetUp()
    {
        _reads.Clear();
        _work = new UiWork(_dispatcher);
        _loader = new PreviewLoader<string, string>(_work);
    }

    [Test]
    public async Task Rows_read_ahead_are_read_after_the_selection_and_kept()
    {
        int landed = 0;
        _loader.Load("b", 1, Read("b"), () => { });
        _loader.ReadAhead([("c", 1, Read("c")), ("a", 1, Read("a"))], () => landed++);
        await SettleAsync();

        _reads.Should().Equal("b", "c", "a");
        landed.Should().Be(2);
        _loader.Get("c", 1).Should().Be("read c");
        _loader.Get("a", 1).Should().Be("read a");
        _loader.Get("a", 2).Should().BeNull("another version of the row is read again");
    }

    [Test]
    public async Task A_new_selection_drops_the_rows_read_ahead_for_the_one_before()
    {
        var gate = new TaskCompletionSource();
        _loader.Load("b", 1, async () => { await gate.Task; return "read b"; }, () => { });
        _loader.ReadAhead([("c", 1, Read("c")), ("a", 1, Read("a"))], () => { });
        _loader.Load("x", 1, Read("x"), () => { }); // the selection moved on while b was read
        gate.SetResult();
        await SettleAsync();

        _reads.Should().Equal("x");
        _loader.Get("c", 1).Should().BeNull();
    }

    [Test]
    public async Task Rows_already_read_are_not_read_ahead_again()
    {
        _loader.Load("a", 1, Read("a"), () => { });
        await SettleAsync();
        _reads.Clear();

        _loader.ReadAhead([("a", 1, Read("a")), ("b", 1, Read("b"))], () => { });
        await SettleAsync();

        _reads.Should().Equal("b");
    }

    private Func<Task<string>> Read(string key) => () =>
    {
        lock (_reads)
        {
            _reads.Add(key);
        }

        return Task.FromResult($"read {key}");
    };

    // Waits for the reads and applies what they posted, until nothing is left (each landing may start the next read).
    private async Task SettleAsync()
    {
        do
        {
            await _work.IdleAsync();
        }
        while (_dispatcher.Drain());
    }
}
