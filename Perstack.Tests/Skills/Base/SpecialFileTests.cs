using System.Diagnostics;
using System.Net.Sockets;
using FluentAssertions;
using Perstack.Skills.Base;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Skills.Base;

/// <summary>
/// The file tools touch regular files with one link only: a FIFO (which the model can make with <c>exec mkfifo</c>),
/// a socket or a device is refused at once, without a thread left blocked in an open; a hard link to a file outside
/// the workspace cannot be read or edited through (the outside file stays as it was).
/// </summary>
[TestFixture]
[Platform("Linux")]
public sealed class SpecialFileTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private static async Task<int> RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = ChildProcess.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static readonly (string Tool, string Name, Func<string, System.Text.Json.Nodes.JsonObject> Args)[] FileTools =
    [
        ("readTextFile", "pipe", p => SkillHarness.Args(("path", p))),
        ("writeTextFile", "pipe", p => SkillHarness.Args(("path", p), ("text", "x"))),
        ("appendTextFile", "pipe", p => SkillHarness.Args(("path", p), ("text", "x"))),
        ("editTextFile", "pipe", p => SkillHarness.Args(("path", p), ("oldText", "a"), ("newText", "b"))),
        ("readImageFile", "pipe.png", p => SkillHarness.Args(("path", p))),
        ("readPdfFile", "pipe.pdf", p => SkillHarness.Args(("path", p))),
    ];

    [Test]
    [CancelAfter(30_000)]
    public async Task Every_file_tool_refuses_a_fifo_at_once_and_leaves_no_reader_or_writer_waiting_on_it()
    {
        foreach (var (tool, name, args) in FileTools)
        {
            var fifo = _h.InWorkspace(name);
            File.Delete(fifo);
            (await RunAsync("mkfifo", fifo)).Should().Be(0);

            var started = Stopwatch.StartNew();
            var message = await _h.CallFailingAsync(tool, args(name));

            started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), $"{tool} must not wait for the other end of the FIFO");
            message.Should().Be($"Path {name} is not a regular file (it is a FIFO); the file tools read and write regular files only", tool);

            // A thread blocked in open() would still be waiting for the other end: a writer would then get through.
            (await RunAsync("timeout", "1", "sh", "-c", $"echo x > '{fifo}'")).Should().Be(124, $"{tool} left no reader waiting on the FIFO");
        }
    }

    [Test]
    public async Task A_socket_and_a_device_are_refused()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(_h.InWorkspace("sock")));

        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "sock"))))
            .Should().Be("Path sock is not a regular file (it is a socket); the file tools read and write regular files only");
        (await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "sock"), ("text", "x"))))
            .Should().Contain("(it is a socket)");

        if (await RunAsync("mknod", _h.InWorkspace("null-device"), "c", "1", "3") != 0)
        {
            Assert.Ignore("mknod needs root; the device case was not run");
        }

        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "null-device"))))
            .Should().Be("Path null-device is not a regular file (it is a character device); the file tools read and write regular files only");
        (await _h.CallFailingAsync("appendTextFile", SkillHarness.Args(("path", "null-device"), ("text", "x"))))
            .Should().Contain("(it is a character device)");
    }

    [Test]
    public async Task A_hard_link_to_a_file_outside_the_workspace_cannot_be_read_or_edited_through()
    {
        var outside = Path.Combine(_h.Outside, "secret.txt");
        File.WriteAllText(outside, "outside secret");
        (await RunAsync("ln", outside, _h.InWorkspace("linked.txt"))).Should().Be(0);

        var refusal = "Access denied - linked.txt has 2 hard links: the file tools refuse a file with more than one link, as another may lie outside the workspace";
        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "linked.txt")))).Should().Be(refusal);
        (await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", "linked.txt"), ("text", "overwritten")))).Should().Be(refusal);
        (await _h.CallFailingAsync("appendTextFile", SkillHarness.Args(("path", "linked.txt"), ("text", "appended")))).Should().Be(refusal);
        (await _h.CallFailingAsync("editTextFile", SkillHarness.Args(("path", "linked.txt"), ("oldText", "outside"), ("newText", "edited")))).Should().Be(refusal);
        File.ReadAllText(outside).Should().Be("outside secret");

        // The name inside the workspace is the workspace's own: it may go, which leaves the outside file alone.
        (await _h.CallAsync("deleteFile", SkillHarness.Args(("path", "linked.txt")))).TryGetProperty("error", out _).Should().BeFalse();
        File.ReadAllText(outside).Should().Be("outside secret");
    }

    [Test]
    public async Task Regular_files_still_read_and_write_as_before()
    {
        await _h.CallAsync("writeTextFile", SkillHarness.Args(("path", "new/file.txt"), ("text", "long text to be replaced")));
        await _h.CallAsync("writeTextFile", SkillHarness.Args(("path", "new/file.txt"), ("text", "short")));
        await _h.CallAsync("appendTextFile", SkillHarness.Args(("path", "new/file.txt"), ("text", "+more")));

        File.ReadAllText(_h.InWorkspace("new/file.txt")).Should().Be("short+more", "a rewrite truncates, an append appends");
        (await _h.CallAsync("readTextFile", SkillHarness.Args(("path", "new/file.txt")))).GetProperty("content").GetString().Should().Be("short+more");
    }
}
