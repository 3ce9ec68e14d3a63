using System.Buffers.Binary;
using System.IO.Hashing;
using FluentAssertions;
using Perstack.Storage.Jobs.Index;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary>The index is a cache: losing or damaging it changes nothing but the time a listing takes.</summary>
[TestFixture]
public sealed class JobsIndexFileTests
{
    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _store = new IndexedListingFixture(_temp.Path);
        for (int i = 0; i < 20; i++)
        {
            await _store.Jobs.SaveAsync(TestData.Job($"job-{i:00}", startedAt: 1_700_000_000_000 + (i % 7)) with { Title = i % 3 == 0 ? $"title {i} ü" : null });
        }

        await _store.Jobs.ListAsync();
        _store.Index().Should().HaveCount(20);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Without_the_index_the_listing_is_the_same_and_the_index_comes_back()
    {
        var withIndex = IndexedListingFixture.Json(await _store.Jobs.ListAsync());

        File.Delete(_store.Layout.Cache.JobsIndexFile!);

        IndexedListingFixture.Json(await _store.Jobs.ListAsync()).Should().Equal(withIndex).And.Equal(_store.Truth());
        _store.Index().Should().HaveCount(20);
    }

    private static IEnumerable<TestCaseData> Damage()
    {
        yield return new TestCaseData(new Func<byte[], byte[]>(b => [])).SetName("an empty file");
        yield return new TestCaseData(new Func<byte[], byte[]>(b => b[..(b.Length / 2)])).SetName("a truncated file");
        yield return new TestCaseData(new Func<byte[], byte[]>(b => Flip(b, b.Length / 2))).SetName("a flipped byte in a record");
        yield return new TestCaseData(new Func<byte[], byte[]>(b => Flip(b, b.Length - 1))).SetName("a flipped byte in the checksum");
        yield return new TestCaseData(new Func<byte[], byte[]>(b => Flip(b, 3))).SetName("a flipped byte in the magic");
        yield return new TestCaseData(new Func<byte[], byte[]>(b => WithVersion(b, JobsIndexFile.CurrentVersion + 1))).SetName("another format version, checksum intact");
        yield return new TestCaseData(new Func<byte[], byte[]>(b => "[{\"id\":\"job-00\"}]"u8.ToArray())).SetName("a JSON file");
    }

    [TestCaseSource(nameof(Damage))]
    public async Task A_damaged_index_is_rebuilt_silently(Func<byte[], byte[]> damage)
    {
        var path = _store.Layout.Cache.JobsIndexFile!;
        await File.WriteAllBytesAsync(path, damage(await File.ReadAllBytesAsync(path)));

        var listing = await _store.Jobs.ListAsync();

        listing.Problems.Should().BeEmpty();
        IndexedListingFixture.Json(listing).Should().Equal(_store.Truth());
        _store.Index().Should().HaveCount(20, "the listing wrote a good index again");
    }

    [Test]
    public async Task An_index_that_cannot_be_written_does_not_fail_the_listing()
    {
        File.Delete(_store.Layout.Cache.JobsIndexFile!);
        Directory.CreateDirectory(_store.Layout.Cache.JobsIndexFile!); // the path is taken by a folder

        var listing = await _store.Jobs.ListAsync();

        IndexedListingFixture.Json(listing).Should().Equal(_store.Truth());
    }

    private static byte[] WithVersion(byte[] bytes, int version)
    {
        var copy = bytes.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(8), version);
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), XxHash3.HashToUInt64(copy.AsSpan(0, copy.Length - 8)));
        return copy;
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x5A;
        return copy;
    }
}
