using FluentAssertions;
using Perstack.App.Features.Log.Filters;
using Perstack.App.Features.Log.Reading;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.Log.Reading;

public sealed class EventScanTests
{
    private static readonly JobId Job = JobId.Parse("job-1");
    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);

        // Two runs whose events interleave in time: run-a at even ms, run-b at odd ms; step = index.
        for (int i = 0; i < 10; i++)
        {
            var run = RunId.Parse(i % 2 == 0 ? "run-a" : "run-b");
            await _stores.Events.SaveAsync(TestData.StartGeneration(Job, run, 1000 + i, i, $"e{i}"));
        }
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task The_listing_interleaves_runs_by_time_and_can_keep_to_one_run()
    {
        var all = await EventListing.ListAsync(_stores.Events, Job, null, CancellationToken.None);
        var one = await EventListing.ListAsync(_stores.Events, Job, RunId.Parse("run-b"), CancellationToken.None);

        all.Items.Select(e => e.StepNumber).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        one.Items.Select(e => e.StepNumber).Should().Equal(1, 3, 5, 7, 9);
    }

    [Test]
    public async Task Only_the_events_let_through_are_read()
    {
        Corrupt(step: 9);
        var sink = new Sink();

        var result = await ScanAsync(sink, EventFilter.All, new EventPager<ScanItem>(0, 3, 0));

        sink.Written.Should().Equal("e0", "e1", "e2");
        sink.Problems.Should().BeEmpty("the corrupt file lies beyond the page and is never opened");
        result.Matched.Should().Be(10, "counting needs only the file names");
        result.Summary.TotalEvents.Should().Be(10);
        result.Shown.Should().Be(3);
    }

    [Test]
    public async Task A_corrupt_file_on_the_page_is_reported_and_skipped()
    {
        Corrupt(step: 1);
        var sink = new Sink();

        var result = await ScanAsync(sink, EventFilter.All, new EventPager<ScanItem>(0, 3, 0));

        sink.Written.Should().Equal("e0", "e2");
        sink.Problems.Should().ContainSingle().Which.Path.Should().EndWith("-1-startGeneration.json");
        result.Shown.Should().Be(2);
        result.Matched.Should().Be(10);
    }

    [Test]
    public async Task A_filter_expression_reads_every_candidate_and_counts_only_real_matches()
    {
        Corrupt(step: 4);
        FilterExpression.TryParse(".messages[].contents[].text == \"hello e7\"", out var expression, out _).Should().BeTrue();
        StepFilter.TryParse(">=3", out var step, out _).Should().BeTrue();
        var sink = new Sink();

        var result = await ScanAsync(sink, new EventFilter(step, null, expression), new EventPager<ScanItem>(0, 0, 1));

        sink.Written.Should().Equal("(e6)", "e7", "(e8)");
        sink.Problems.Should().ContainSingle("the corrupt candidate had to be opened");
        result.Matched.Should().Be(1);
        result.Summary.MinStep.Should().Be(7);
        result.ContextShown.Should().Be(2);
    }

    private async Task<ScanResult> ScanAsync(Sink sink, EventFilter filter, EventPager<ScanItem> pager)
    {
        var listing = await EventListing.ListAsync(_stores.Events, Job, null, CancellationToken.None);
        return await new EventScan(_stores.Events, sink).RunAsync(listing.Items, filter, pager, CancellationToken.None);
    }

    private void Corrupt(int step)
    {
        var file = Directory.EnumerateFiles(Path.Combine(_temp.Path, "jobs", "job-1"), $"event-*-{step}-startGeneration.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(file, "{ not json");
    }

    private sealed class Sink : ILogSink
    {
        public List<string> Written { get; } = [];

        public List<StoreProblem> Problems { get; } = [];

        public ValueTask WriteEventAsync(LoggedEvent runEvent, bool isContext, CancellationToken cancellationToken)
        {
            var id = runEvent.Root.GetProperty("id").GetString();
            Written.Add(isContext ? $"({id})" : id!);
            return ValueTask.CompletedTask;
        }

        public ValueTask ReportProblemAsync(StoreProblem problem, CancellationToken cancellationToken)
        {
            Problems.Add(problem);
            return ValueTask.CompletedTask;
        }
    }
}
