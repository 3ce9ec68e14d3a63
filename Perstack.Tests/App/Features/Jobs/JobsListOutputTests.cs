using System.Text;
using FluentAssertions;
using Perstack.App.Cli;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

/// <summary>How <c>perstack jobs list</c> writes its lines: escaped as ever, in chunks rather than one write per line.</summary>
public sealed class JobsListOutputTests
{
    private const int JobCount = 300;

    [Test]
    public async Task Hundreds_of_lines_go_out_in_a_few_writes_with_stored_control_characters_escaped()
    {
        using var temp = new TempDirectory();
        var store = Path.Combine(temp.Path, "perstack");
        var stores = new Stores(store, temp.CacheHome);
        for (int i = 0; i < JobCount; i++)
        {
            // A title with an escape sequence and characters of several UTF-8 lengths, as a shared history may hold.
            await stores.Jobs.SaveAsync(TestData.Job($"job-{i:D4}", startedAt: 1_900_000_000_000 + i) with { Title = $"T\u001b[31mïtle 🎉 {i}" });
        }

        using var output = new CountingWriter();
        using var error = new StringWriter();
        int exitCode = await PerstackCli.RunAsync(["jobs", "list", "--storage-path", store], TextReader.Null, output, error,
            name => name == "XDG_CACHE_HOME" ? temp.CacheHome : null);

        exitCode.Should().Be(0);
        var lines = output.ToString().Split('\n');
        lines.Should().HaveCount(JobCount + 1);
        lines[^1].Should().BeEmpty();
        lines[0].Should().Contain("(job-0299)").And.EndWith("ïtle 🎉 299\"");
        output.ToString().Should().NotContain("\u001b", "stored control characters are shown escaped");
        output.Writes.Should().BeInRange(1, JobCount / 10, "a 10,000-job listing made 10,000 system calls writing line by line");
    }

    /// <summary>Standard output as a test sees it, counting the writes that reach it.</summary>
    private sealed class CountingWriter : StringWriter
    {
        public CountingWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture) => NewLine = "\n";

        public int Writes { get; private set; }

        public override void Write(char value)
        {
            Writes++;
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Writes++;
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override void Write(string? value)
        {
            Writes++;
            base.Write(value);
        }

        public override void Write(StringBuilder? value)
        {
            Writes++;
            base.Write(value);
        }

        public override Task WriteAsync(StringBuilder? value, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(value, cancellationToken);
        }
    }
}
