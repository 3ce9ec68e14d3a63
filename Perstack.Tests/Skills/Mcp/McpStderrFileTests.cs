using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Secrets;
using Perstack.Skills.Mcp;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Skills.Mcp;

public sealed class McpStderrFileTests
{
    [TestCase("@perstack/base", "_perstack_base.log")]
    [TestCase("../../etc/passwd", "_.._etc_passwd.log")]
    [TestCase("..", "skill.log")]
    [TestCase("test-mcp", "test-mcp.log")]
    public void A_skill_name_becomes_one_safe_file_name(string skill, string file) => McpStderrFile.FileNameOf(skill).Should().Be(file);

    [Test]
    public void Lines_are_kept_per_job_run_and_skill_with_secrets_redacted_and_a_quiet_server_leaves_no_file()
    {
        using var folder = new TempDirectory();
        var jobId = JobId.New();
        var runId = RunId.New();
        var secrets = new SecretRedactor([new KnownSecret("TOKEN", "tok-secret-4242")]);
        using (var file = new McpStderrFile(folder.Path, jobId, runId, "test-mcp", secrets))
        {
            file.Append("started");
            file.Append("token tok-secret-4242");
        }

        using (new McpStderrFile(folder.Path, jobId, RunId.New(), "quiet", secrets))
        {
        }

        File.ReadAllLines(Path.Combine(folder.Path, jobId.Value, runId.Value, "test-mcp.log")).Should().Equal("started", "token [REDACTED:TOKEN]");
        Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Should().ContainSingle();
    }

    [Test]
    public void A_new_jobs_first_line_prunes_job_folders_past_thirty_days_and_beyond_the_newest_hundred()
    {
        using var folder = new TempDirectory();
        var now = DateTime.UtcNow;
        var jobs = Enumerable.Range(0, 110).Select(i => (Id: JobId.New().Value, Written: now.AddHours(-i))).ToList();
        jobs.Add((JobId.New().Value, now.AddDays(-31)));
        foreach (var (id, written) in jobs)
        {
            var run = Directory.CreateDirectory(Path.Combine(folder.Path, id, RunId.New().Value));
            File.WriteAllText(Path.Combine(run.FullName, "test-mcp.log"), "line\n");
            Directory.SetLastWriteTimeUtc(Path.Combine(folder.Path, id), written);
        }

        var jobId = JobId.New();
        using (var file = new McpStderrFile(folder.Path, jobId, RunId.New(), "test-mcp", SecretRedactor.None))
        {
            file.Append("first line of a new job");
        }

        var kept = Directory.GetDirectories(folder.Path).Select(Path.GetFileName).ToList();
        kept.Should().HaveCount(McpStderrRetention.MaxJobs).And.Contain(jobId.Value)
            .And.BeEquivalentTo([jobId.Value, .. jobs.Take(McpStderrRetention.MaxJobs - 1).Select(j => j.Id)], "the newest are kept, the new job among them");
    }

    [Test]
    public void A_second_run_of_the_same_job_prunes_nothing_and_age_alone_removes_old_jobs()
    {
        using var folder = new TempDirectory();
        var old = Directory.CreateDirectory(Path.Combine(folder.Path, JobId.New().Value)).FullName;
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-40));
        var jobId = JobId.New();
        using (var first = new McpStderrFile(folder.Path, jobId, RunId.New(), "a", SecretRedactor.None))
        {
            first.Append("one");
        }

        Directory.Exists(old).Should().BeFalse("older than thirty days");
        var again = Directory.CreateDirectory(Path.Combine(folder.Path, JobId.New().Value)).FullName;
        Directory.SetLastWriteTimeUtc(again, DateTime.UtcNow.AddDays(-40));
        using (var second = new McpStderrFile(folder.Path, jobId, RunId.New(), "a", SecretRedactor.None))
        {
            second.Append("two");
        }

        Directory.Exists(again).Should().BeTrue("pruning runs when a job starts writing, not on every run");
    }
}
