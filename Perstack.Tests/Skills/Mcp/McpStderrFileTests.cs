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
}
