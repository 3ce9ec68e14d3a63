using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.S3;
using Perstack.Storage.S3.Leases;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3.Leases;

/// <summary>
/// Leases against the real S3 test server: each <see cref="S3JobLeases"/> has its own client, as two machines would.
/// The server that honours conditional writes decides every race; the one that does not makes leases refuse to write.
/// </summary>
[Category(TestCategories.S3)]
public sealed class S3JobLeasesTests
{
    private static readonly JobId Job = JobId.Parse("job-lease-1");

    [Test]
    public async Task A_second_machine_is_refused_while_the_first_holds_the_job_and_takes_it_once_released()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        using var first = Leases(bucket);
        using var second = Leases(bucket);

        var held = first.Acquire(Job);
        var refused = () => second.Acquire(Job);
        refused.Should().Throw<JobLockedException>().WithMessage($"Job {Job} is already running in another process");
        second.IsHeld(Job).Should().BeTrue();

        held.Dispose();
        second.IsHeld(Job).Should().BeFalse();
        using var taken = second.Acquire(Job);
        var third = () => first.Acquire(Job);
        third.Should().Throw<JobLockedException>();
        (await bucket.KeysAsync()).Should().Equal($"{S3JobLeases.LeaseKey(Job)}");
        S3JobLeases.LeaseKey(Job).Should().StartWith(".perstack/", "leases sit outside jobs/, where no listing looks");
    }

    [Test]
    public async Task Racing_machines_have_exactly_one_winner()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        var machines = Enumerable.Range(0, 6).Select(_ => Leases(bucket)).ToList();
        try
        {
            var outcomes = await Task.WhenAll(machines.Select(m => Task.Run(() =>
            {
                try
                {
                    return m.Acquire(Job);
                }
                catch (JobLockedException)
                {
                    return null;
                }
            })));

            outcomes.Count(held => held is not null).Should().Be(1);
            foreach (var held in outcomes)
            {
                held?.Dispose();
            }
        }
        finally
        {
            machines.ForEach(m => m.Dispose());
        }
    }

    [Test]
    public async Task A_lease_not_renewed_within_its_time_to_live_is_taken_over_and_its_old_holder_learns_it_lost_it()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        var noRenewal = new S3LeaseOptions { TimeToLive = TimeSpan.FromSeconds(1), RenewEvery = TimeSpan.FromHours(1) };
        using var stalled = Leases(bucket, noRenewal);
        using var other = Leases(bucket, noRenewal);

        var old = (S3Lease)stalled.Acquire(Job);
        var early = () => other.Acquire(Job);
        early.Should().Throw<JobLockedException>();

        // Last-Modified has one-second resolution; the lease lapses after TTL + 1 s by the server's clock.
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        using var taken = other.Acquire(Job);

        await old.RenewAsync();
        old.Lost.Should().BeTrue();
        old.Dispose();
        using var third = Leases(bucket, noRenewal);
        var stillTaken = () => third.Acquire(Job);
        stillTaken.Should().Throw<JobLockedException>("the old holder's release must not free a lease it lost");
    }

    [Test]
    public async Task Expiry_is_judged_by_the_holders_time_to_live_written_in_the_lease_not_the_readers()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        var longLease = new S3LeaseOptions { TimeToLive = TimeSpan.FromSeconds(30), RenewEvery = TimeSpan.FromHours(1) };
        var shortLease = new S3LeaseOptions { TimeToLive = TimeSpan.FromSeconds(1), RenewEvery = TimeSpan.FromHours(1) };
        var longJob = JobId.Parse("job-long-lease");
        using var longHolder = Leases(bucket, longLease);
        using var shortHolder = Leases(bucket, shortLease);
        using var longReader = Leases(bucket, longLease);
        using var shortReader = Leases(bucket, shortLease);
        using var heldLong = longHolder.Acquire(longJob);
        using var heldShort = shortHolder.Acquire(Job);
        (await bucket.ReadAsync(S3JobLeases.LeaseKey(longJob))).Should().Contain("\"seconds\":30");

        await Task.Delay(TimeSpan.FromSeconds(3.2));

        shortReader.IsHeld(longJob).Should().BeTrue("the holder renews every 10 s of its 30 s lease: a reader set to 1 s must not call it lapsed");
        var refused = () => shortReader.Acquire(longJob);
        refused.Should().Throw<JobLockedException>();
        longReader.IsHeld(Job).Should().BeFalse("the holder said 1 s: a reader set to 30 s need not wait 30 s");
        using var taken = longReader.Acquire(Job);
    }

    [Test]
    public async Task A_lease_without_its_time_to_live_from_an_older_version_is_judged_by_the_readers()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        await bucket.WriteAsync(S3JobLeases.LeaseKey(Job), """{"owner":"pid 1 on old","token":"t","renewal":0,"released":false}""");
        using var reader = Leases(bucket, new S3LeaseOptions { TimeToLive = TimeSpan.FromSeconds(3), RenewEvery = TimeSpan.FromHours(1) });

        var early = () => reader.Acquire(Job);
        early.Should().Throw<JobLockedException>();
        await Task.Delay(TimeSpan.FromSeconds(5.2));

        using var taken = reader.Acquire(Job);
    }

    [Test]
    public async Task A_renewed_lease_outlives_its_time_to_live()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        var quick = new S3LeaseOptions { TimeToLive = TimeSpan.FromSeconds(2), RenewEvery = TimeSpan.FromMilliseconds(500) };
        using var holder = Leases(bucket, quick);
        using var other = Leases(bucket, quick);

        using var held = (S3Lease)holder.Acquire(Job);
        await Task.Delay(TimeSpan.FromSeconds(4.5));

        held.Renewals.Should().BeGreaterThanOrEqualTo(3);
        held.Lost.Should().BeFalse();
        var refused = () => other.Acquire(Job);
        refused.Should().Throw<JobLockedException>();
    }

    [Test]
    public async Task A_server_that_ignores_conditional_writes_is_refused_in_one_line_and_nothing_is_written()
    {
        var bucket = await (await S3TestServer.WithoutConditionalWritesAsync()).CreateBucketAsync();
        using var leases = Leases(bucket);

        var refused = () => leases.Acquire(Job);

        refused.Should().Throw<PerstackException>().Which.Message.Should()
            .Be($"Error: The S3 server of s3://{bucket.Name} does not honour conditional writes (If-None-Match), so it cannot keep two "
                + "machines from writing one job at once; Perstack writes nothing there. To write anyway, set allowUnsafeWrites = true "
                + "in perstack.toml's [storage] table");
        (await bucket.KeysAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task With_unsafe_writes_allowed_a_server_that_ignores_conditional_writes_still_gets_leases()
    {
        var bucket = await (await S3TestServer.WithoutConditionalWritesAsync()).CreateBucketAsync();
        using var first = Leases(bucket, allowUnsafeWrites: true);
        using var second = Leases(bucket, allowUnsafeWrites: true);

        using var held = first.Acquire(Job);
        var refused = () => second.Acquire(Job);

        refused.Should().Throw<JobLockedException>("a live lease is still seen; only a race is not decided");
    }

    [Test]
    public async Task Its_own_client_is_built_by_the_first_request_to_the_server_not_before()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        var environment = bucket.Server.ChildEnvironment();
        int built = 0;
        var leases = new S3JobLeases(S3Location.Parse(bucket.Location(), "test"), () =>
        {
            built++;
            return S3ClientFactory.Create(S3Overrides.None, name => environment.TryGetValue(name, out var value) ? value : null);
        }, S3LeaseOptions.Default, allowUnsafeWrites: false);

        built.Should().Be(0, "a listing with no running job asks nothing of the leases");
        leases.IsHeld(JobId.Parse("job-lease-lazy")).Should().BeFalse();
        built.Should().Be(1, "the first question lists the leases");
        leases.Dispose();
        built.Should().Be(1);

        var unused = new S3JobLeases(S3Location.Parse(bucket.Location(), "test"), () => throw new InvalidOperationException("built"), S3LeaseOptions.Default, allowUnsafeWrites: false);
        unused.Dispose();
    }

    private static S3JobLeases Leases(S3TestBucket bucket, S3LeaseOptions? options = null, bool allowUnsafeWrites = false)
    {
        var environment = bucket.Server.ChildEnvironment();
        var client = S3ClientFactory.Create(S3Overrides.None, name => environment.TryGetValue(name, out var value) ? value : null);
        return new S3JobLeases(S3Location.Parse(bucket.Location(), "test"), client, options ?? S3LeaseOptions.Default, allowUnsafeWrites);
    }
}
