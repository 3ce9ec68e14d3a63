using System.IO.Compression;
using System.Text;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Storage.S3.Index;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.S3.Index;

/// <summary>The index object is input from a shared bucket: anything but a valid index of this version is refused as invalid data.</summary>
public sealed class BucketJobsIndexCodecTests
{
    [Test]
    public void An_index_decodes_to_what_was_encoded()
    {
        var job = TestData.Job("job-one") with { Title = "a title", ForkedFrom = new JobOrigin { JobId = JobId.Parse("job-two"), CheckpointId = CheckpointId.Parse("cp-1") } };
        var index = BucketJobsIndex.Empty.With(job, "\"etag-1\"", 42).With(TestData.Job("job-two", startedAt: 1_800_000_000_000), "\"etag-2\"", 43);

        var decoded = BucketJobsIndexCodec.Decode(BucketJobsIndexCodec.Encode(index));

        decoded.WrittenAtMs.Should().Be(43);
        decoded.Entries.Should().HaveCount(2);
        decoded.Entries[job.Id].Should().Be(new BucketJobsIndexEntry("\"etag-1\"", job));
        decoded.Jobs().Select(j => j.Id.Value).Should().Equal("job-two", "job-one");
    }

    [Test]
    public void Damaged_or_foreign_bytes_are_invalid_data()
    {
        var valid = BucketJobsIndexCodec.Encode(BucketJobsIndex.Empty.With(TestData.Job("job-one"), "\"e\"", 1));
        var body = Decompress(valid);

        Invalid([]);
        Invalid(Encoding.UTF8.GetBytes("not gzip"));
        Invalid(valid[..^20]);
        Invalid(Compress(body[..^1]));
        var flipped = (byte[])body.Clone();
        flipped[20] ^= 0xFF;
        Invalid(Compress(flipped));
        Invalid(Compress(Encoding.UTF8.GetBytes("PSS3IDX1 but nothing after")));
    }

    [Test]
    public void A_decompression_bomb_is_refused_before_it_is_held()
    {
        var bomb = Compress(new byte[BucketJobsIndexCodec.MaxDecodedBytes + 1]);

        var act = () => BucketJobsIndexCodec.Decode(bomb);

        act.Should().Throw<InvalidDataException>().WithMessage("*decompresses to more than*");
    }

    [Test]
    public void Entries_that_are_not_job_ids_twice_listed_or_unprintable_problems_are_refused()
    {
        Invalid(Checksummed(w => { Header(w, 1, 0); w.Write("../escape"); w.Write("e"); }));
        Invalid(Checksummed(w => { Header(w, int.MaxValue, 0); }));
        var twice = BucketJobsIndexCodec.Encode(BucketJobsIndex.Empty.With(TestData.Job("job-one"), "e", 1));
        var body = Decompress(twice);
        Invalid(Checksummed(w =>
        {
            // The one entry (after magic, version, time and the two counts), written twice with a count of 2.
            var entry = body.AsSpan(28, body.Length - 28 - 8).ToArray();
            Header(w, 2, 0);
            w.Write(entry);
            w.Write(entry);
        }));
        Invalid(Checksummed(w => { Header(w, 0, 1); w.Write("jobs/x/job.json"); w.Write("\u001b]0;owned\u0007"); }));
        Invalid(Checksummed(w => { Header(w, 0, 1); w.Write("../elsewhere"); w.Write("reason"); }));
    }

    private static void Invalid(byte[] bytes)
    {
        var act = () => BucketJobsIndexCodec.Decode(bytes);
        act.Should().Throw<InvalidDataException>();
    }

    private static void Header(BinaryWriter writer, int entries, int problems)
    {
        writer.Write("PSS3IDX1"u8);
        writer.Write(BucketJobsIndexCodec.CurrentVersion);
        writer.Write(1L);
        writer.Write(entries);
        writer.Write(problems);
    }

    private static byte[] Checksummed(Action<BinaryWriter> write)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
            writer.Write(System.IO.Hashing.XxHash3.HashToUInt64(body.ToArray()));
        }

        return Compress(body.ToArray());
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
