using FluentAssertions;
using Perstack.App.Features.Log.Reading;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.Log.Reading;

public sealed class EventReadAheadTests
{
    private static readonly JobId Job = JobId.Parse("job-1");
    private static readonly RunId Run = RunId.Parse("run-1");
    private TempDirectory _temp = null!;
    private Stores _stores = null!;
    private IReadOnlyList<EventSummary> _events = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
        for (int i = 0; i < 30; i++)
        {
            await _stores.Events.SaveAsync(TestData.StartGeneration(Job, Run, 1000 + i, i, $"e{i}"));
        }

        _events = (await _stores.Events.ListAsync(Job, Run)).Items;
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Hands_over_the_wanted_events_in_order_and_nothing_for_the_others()
    {
        await using var readAhead = new EventReadAhead(_stores.Events, _events, e => e.StepNumber % 2 == 0, skip: 0, limit: 0);

        for (int position = 0; position < _events.Count; position++)
        {
            var item = await readAhead.TakeAsync(position, CancellationToken.None);
            if (position % 2 == 0)
            {
                using var read = item!.Event!;
                read.StepNumber.Should().Be(position);
            }
            else
            {
                item.Should().BeNull();
            }
        }
    }

    [Test]
    public async Task Skips_and_limits_the_wanted_events_like_offset_and_take()
    {
        await using var readAhead = new EventReadAhead(_stores.Events, _events, _ => true, skip: 5, limit: 3);

        (await readAhead.TakeAsync(4, CancellationToken.None)).Should().BeNull("the first 5 are skipped");
        foreach (var position in new[] { 5, 6, 7 })
        {
            using var read = (await readAhead.TakeAsync(position, CancellationToken.None))!.Event!;
            read.StepNumber.Should().Be(position);
        }

        (await readAhead.TakeAsync(8, CancellationToken.None)).Should().BeNull("only 3 are read");
    }

    [Test]
    public async Task Passing_over_events_drops_them_and_an_unreadable_file_comes_back_as_its_problem()
    {
        var path = Directory.EnumerateFiles(_stores.Layout.RunDirectory(Job, Run), "event-1020-*").Single();
        await File.WriteAllTextAsync(path, "{");
        await using var readAhead = new EventReadAhead(_stores.Events, _events, _ => true, skip: 0, limit: 0);

        var item = await readAhead.TakeAsync(20, CancellationToken.None);

        item!.Event.Should().BeNull();
        item.Problem!.Path.Should().Be(path);
        using var next = (await readAhead.TakeAsync(21, CancellationToken.None))!.Event!;
        next.StepNumber.Should().Be(21);
    }
}
