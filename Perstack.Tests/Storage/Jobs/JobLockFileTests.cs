using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage.Files;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs;

/// <summary>
/// A job's lock file exists only while the job is held, and the way it is removed never lets two holders believe they
/// hold one job (docs/storage.md, "Job locks").
/// </summary>
[TestFixture]
public sealed class JobLockFileTests
{
    private static readonly JobId Job = JobId.Parse("lock-file-job");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
        Directory.CreateDirectory(_stores.Layout.JobDirectory(Job));
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void No_lock_file_is_left_once_the_holder_lets_go()
    {
        using (_stores.Locks.Acquire(Job))
        {
            File.Exists(_stores.Layout.LockFile(Job)).Should().BeTrue();
            // Read without .NET's own advisory lock, which the held lock refuses.
            System.Text.Encoding.UTF8.GetString(UnlockedRead.TryRead(_stores.Layout.LockFile(Job), 200)!).Should().StartWith($"pid {Environment.ProcessId} ");
        }

        File.Exists(_stores.Layout.LockFile(Job)).Should().BeFalse();
        _stores.Locks.IsHeld(Job).Should().BeFalse();
    }

    [Test]
    public void A_lock_file_left_by_a_killed_holder_is_taken_over_and_removed()
    {
        File.WriteAllText(_stores.Layout.LockFile(Job), "pid 1 on elsewhere");
        _stores.Locks.IsHeld(Job).Should().BeFalse("nobody holds its OS lock");

        using (_stores.Locks.Acquire(Job))
        {
            _stores.Locks.IsHeld(Job).Should().BeTrue();
        }

        File.Exists(_stores.Layout.LockFile(Job)).Should().BeFalse();
    }

    [Test]
    public async Task Many_takers_at_once_never_hold_one_job_together()
    {
        int holders = 0, most = 0, taken = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                try
                {
                    using (_stores.Locks.Acquire(Job))
                    {
                        int now = Interlocked.Increment(ref holders);
                        InterlockedMax(ref most, now);
                        Interlocked.Increment(ref taken);
                        Interlocked.Decrement(ref holders);
                    }
                }
                catch (JobLockedException)
                {
                    // another taker has it
                }
            }
        })));

        most.Should().Be(1);
        taken.Should().BeGreaterThan(0);
        File.Exists(_stores.Layout.LockFile(Job)).Should().BeFalse();
    }

    [Test]
    public void Taking_the_lock_of_a_job_that_does_not_exist_creates_nothing()
    {
        var missing = JobId.Parse("no-such-job");

        var act = () => _stores.Locks.Acquire(missing);

        act.Should().Throw<PerstackException>().WithMessage("Job no-such-job not found");
        Directory.Exists(_stores.Layout.JobDirectory(missing)).Should().BeFalse();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
