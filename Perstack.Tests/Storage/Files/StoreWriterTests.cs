using System.Text;
using FluentAssertions;
using Perstack.Core.Storage;
using Perstack.Storage.Files;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Files;

/// <summary>Write-behind: call order on disk, work run only after the writes before it, failures reported once.</summary>
public sealed class StoreWriterTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private string PathOf(string name) => Path.Combine(_temp.Path, name);

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A folder path that cannot be created: a file is in the way.</summary>
    private string Blocked()
    {
        File.WriteAllText(PathOf("a-file"), "x");
        return Path.Combine(PathOf("a-file"), "inside.json");
    }

    private string[] TempFiles() => Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories).Where(f => AtomicFile.IsTempFile(Path.GetFileName(f))).ToArray();

    [Test]
    public async Task Writes_land_in_call_order_and_queued_work_runs_only_after_the_writes_before_it()
    {
        await using var writer = StoreWriter.StartWriteBehind();
        var seen = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            var path = PathOf($"sub/{i % 7}.json");
            int version = i;
            await writer.WriteAsync(path, Bytes($"v{version}"), null, CancellationToken.None);
            await writer.AfterCommitAsync(() =>
            {
                // Every write issued before this action is in place: the file holds this version (or none later yet).
                seen.Add(File.ReadAllText(path));
                return ValueTask.CompletedTask;
            });
        }

        await writer.CommitAsync();

        seen.Should().Equal(Enumerable.Range(0, 50).Select(i => $"v{i}"));
        for (int slot = 0; slot < 7; slot++)
        {
            int last = Enumerable.Range(0, 50).Last(i => i % 7 == slot);
            (await File.ReadAllTextAsync(PathOf($"sub/{slot}.json"))).Should().Be($"v{last}");
        }

        TempFiles().Should().BeEmpty();
    }

    [Test]
    public async Task A_queued_write_is_pending_until_it_is_in_place_and_a_commit_waits_for_it()
    {
        await using var writer = StoreWriter.StartWriteBehind();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await writer.AfterCommitAsync(async () => await release.Task);
        var path = PathOf("later.json");
        await writer.WriteAsync(path, Bytes("{}"), null, CancellationToken.None);

        writer.IsPending(path).Should().BeTrue();
        File.Exists(path).Should().BeFalse("the writer is held up by the work queued before the write");
        var commit = writer.CommitAsync();
        await Task.Delay(50);
        commit.IsCompleted.Should().BeFalse();

        release.SetResult();
        await commit;
        File.Exists(path).Should().BeTrue();
        writer.IsPending(path).Should().BeFalse();
    }

    [Test]
    public async Task A_failed_write_is_reported_once_and_what_was_queued_before_the_report_is_dropped()
    {
        await using var writer = StoreWriter.StartWriteBehind();
        var ran = new List<string>();
        await writer.WriteAsync(PathOf("before.json"), Bytes("1"), null, CancellationToken.None);
        await writer.AfterCommitAsync(() => Record(ran, "after before"));
        await writer.WriteAsync(Blocked(), Bytes("2"), null, CancellationToken.None);
        await writer.WriteAsync(PathOf("after.json"), Bytes("3"), null, CancellationToken.None);
        await writer.AfterCommitAsync(() => Record(ran, "after the failure"));

        var commit = () => writer.CommitAsync();
        (await commit.Should().ThrowAsync<StoreWriteException>()).Which.Message.Should().NotBeNullOrWhiteSpace();

        File.Exists(PathOf("before.json")).Should().BeTrue();
        File.Exists(PathOf("after.json")).Should().BeFalse("it was queued after the write that failed");
        ran.Should().Equal("after before");

        // Reported: the writer goes on.
        await writer.WriteAsync(PathOf("next.json"), Bytes("4"), null, CancellationToken.None);
        await writer.CommitAsync();
        File.Exists(PathOf("next.json")).Should().BeTrue();
        TempFiles().Should().BeEmpty();
    }

    [Test]
    public async Task A_failure_is_reported_to_the_next_write_when_no_commit_asked_first()
    {
        await using var writer = StoreWriter.StartWriteBehind();
        await writer.WriteAsync(Blocked(), Bytes("1"), null, CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Wait until the loop has seen the failure (work queued after a failure is skipped, so it never runs).
        for (int i = 0; i < 200 && !release.Task.IsCompleted; i++)
        {
            await Task.Delay(10);
            try
            {
                await writer.WriteAsync(PathOf("probe.json"), Bytes("p"), null, CancellationToken.None);
            }
            catch (StoreWriteException)
            {
                release.SetResult();
            }
        }

        release.Task.IsCompleted.Should().BeTrue("a later write is told about the failure");
        await writer.WriteAsync(PathOf("next.json"), Bytes("n"), null, CancellationToken.None);
        await writer.CommitAsync();
        File.Exists(PathOf("next.json")).Should().BeTrue("the failure is reported once");
    }

    [Test]
    public async Task Disposing_commits_what_is_queued()
    {
        var writer = StoreWriter.StartWriteBehind();
        for (int i = 0; i < 20; i++)
        {
            await writer.WriteAsync(PathOf($"{i}.json"), Bytes($"{i}"), null, CancellationToken.None);
        }

        await writer.DisposeAsync();

        Directory.GetFiles(_temp.Path, "*.json").Should().HaveCount(20);
        TempFiles().Should().BeEmpty();
    }

    [Test]
    public async Task The_write_time_given_is_the_files_so_its_stamp_is_known_before_it_is_written()
    {
        var time = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        await using (var writer = StoreWriter.StartWriteBehind())
        {
            await writer.WriteAsync(PathOf("behind.json"), Bytes("{}"), time, CancellationToken.None);
        }

        await StoreWriter.Immediate.WriteAsync(PathOf("now.json"), Bytes("{}"), time, CancellationToken.None);

        File.GetLastWriteTimeUtc(PathOf("behind.json")).Should().Be(time);
        File.GetLastWriteTimeUtc(PathOf("now.json")).Should().Be(time);
    }

    [Test]
    public async Task Writing_immediately_a_failure_is_thrown_by_the_call_itself()
    {
        var write = () => StoreWriter.Immediate.WriteAsync(Blocked(), Bytes("1"), null, CancellationToken.None);

        await write.Should().ThrowAsync<StoreWriteException>();
        TempFiles().Should().BeEmpty();
    }

    private static ValueTask Record(List<string> ran, string what)
    {
        ran.Add(what);
        return ValueTask.CompletedTask;
    }
}
