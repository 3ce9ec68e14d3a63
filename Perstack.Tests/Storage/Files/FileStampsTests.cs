using FluentAssertions;
using Perstack.Storage.Files;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Files;

[TestFixture]
public sealed class FileStampsTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Linux_stamps_come_from_statx_with_change_time_and_inode()
    {
        Assume.That(OperatingSystem.IsLinux());
        var file = Path.Combine(_temp.Path, "a.json");
        File.WriteAllText(file, "12345");

        var stamp = FileStamps.Read(file);

        FileStamps.UsesStatx.Should().BeTrue();
        stamp.Should().NotBeNull();
        stamp!.Value.Size.Should().Be(5);
        stamp.Value.Inode.Should().NotBe(0UL);
        stamp.Value.ChangedNs.Should().BeGreaterThan(0);
        (stamp.Value.ModifiedNs / 100).Should().Be((File.GetLastWriteTimeUtc(file) - DateTime.UnixEpoch).Ticks, "the same mtime, in ns instead of 100 ns ticks");
    }

    [Test]
    public void A_missing_file_a_folder_and_a_path_through_a_file_have_no_stamp()
    {
        var file = Path.Combine(_temp.Path, "file");
        File.WriteAllText(file, "x");

        FileStamps.Read(Path.Combine(_temp.Path, "missing.json")).Should().BeNull();
        FileStamps.Read(_temp.Path).Should().BeNull();
        FileStamps.Read(Path.Combine(file, "job.json")).Should().BeNull();
    }

    [Test]
    public void A_rename_over_the_file_changes_the_stamp_even_with_the_same_size_and_times()
    {
        Assume.That(FileStamps.UsesStatx, "the inode comes from statx (Linux)");
        var file = Path.Combine(_temp.Path, "job.json");
        File.WriteAllText(file, "aaaa");
        var before = FileStamps.Read(file);
        var other = Path.Combine(_temp.Path, "other");
        File.WriteAllText(other, "bbbb");
        File.SetLastWriteTimeUtc(other, File.GetLastWriteTimeUtc(file));

        File.Move(other, file, overwrite: true);

        var after = FileStamps.Read(file);
        after.Should().NotBe(before);
    }

    [Test]
    public void A_folder_stamp_changes_when_an_entry_is_added_or_removed_but_not_when_a_file_inside_is_rewritten()
    {
        Assume.That(FileStamps.UsesStatx, "folder stamps come from statx (Linux)");
        var child = Path.Combine(_temp.Path, "child");
        Directory.CreateDirectory(child);
        File.WriteAllText(Path.Combine(child, "job.json"), "a");
        using var folder = FileStamps.OpenFolder(_temp.Path);
        var before = FileStamps.ReadFolder(folder);

        File.WriteAllText(Path.Combine(child, "job.json"), "bb");
        FileStamps.ReadFolder(folder).Should().Be(before, "a file in a subfolder is not an entry of this folder");

        // Past one tick of a coarse file-system clock (kernels before multigrain timestamps): two changes in one tick
        // can leave equal stamps, which listings cover with FileStamp.IsSettled, not this test.
        Thread.Sleep(20);
        Directory.CreateDirectory(Path.Combine(_temp.Path, "other"));
        var added = FileStamps.ReadFolder(folder);
        added.Should().NotBe(before);

        Thread.Sleep(20);
        Directory.Delete(Path.Combine(_temp.Path, "other"));
        FileStamps.ReadFolder(folder).Should().NotBe(added);
        FileStamps.ReadFolder(null).Should().BeNull();
    }

    [Test]
    public void A_stamp_is_settled_only_a_second_after_its_last_write()
    {
        var written = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var stamp = new FileStamp(10, FileStamp.ToNs(written), FileStamp.ToNs(written.AddMilliseconds(3)), 1);

        stamp.IsSettled(FileStamp.ToNs(written.AddMilliseconds(500))).Should().BeFalse();
        stamp.IsSettled(FileStamp.ToNs(written.AddMilliseconds(1003))).Should().BeFalse("the change time counts too");
        stamp.IsSettled(FileStamp.ToNs(written.AddMilliseconds(1004))).Should().BeTrue();
    }
}
