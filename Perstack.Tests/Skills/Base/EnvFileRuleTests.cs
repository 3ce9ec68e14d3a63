using FluentAssertions;
using Perstack.Skills.Base;

namespace Perstack.Tests.Skills.Base;

/// <summary>
/// Environment files hold the provider keys: the file tools refuse <c>.env</c>, <c>.env.*</c> (templates excepted) and
/// every file the run loaded as an env file, unless perstack.toml allows them; listing and file info still work.
/// </summary>
[TestFixture]
public sealed class EnvFileRuleTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new SkillHarness(o => o with { EnvFiles = [Path.Combine(o.Workspace, "config", "secrets.txt")] });
        foreach (var name in new[] { ".env", ".env.local", ".env.production", ".ENV", ".env.example", "config/secrets.txt" })
        {
            _h.WriteFile(name, "API_KEY=sk-secret-value-1234\n");
        }
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    [TestCase(".env")]
    [TestCase(".env.local")]
    [TestCase(".env.production")]
    [TestCase(".ENV")]
    [TestCase("./sub/../.env")]
    [TestCase("config/secrets.txt")]
    public async Task Reading_writing_moving_and_deleting_an_env_file_is_refused(string path)
    {
        var refusal = $"Access denied - {path} is an environment file, which may hold secrets (provider keys); set allowEnvFiles = true in perstack.toml to let the file tools use it";

        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", path)))).Should().Be(refusal);
        (await _h.CallFailingAsync("writeTextFile", SkillHarness.Args(("path", path), ("text", "x")))).Should().Be(refusal);
        (await _h.CallFailingAsync("appendTextFile", SkillHarness.Args(("path", path), ("text", "x")))).Should().Be(refusal);
        (await _h.CallFailingAsync("editTextFile", SkillHarness.Args(("path", path), ("oldText", "API"), ("newText", "X")))).Should().Be(refusal);
        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", path), ("destination", "copied.txt")))).Should().Be(refusal);
        (await _h.CallFailingAsync("deleteFile", SkillHarness.Args(("path", path)))).Should().Be(refusal);
    }

    [Test]
    public async Task Nothing_can_be_moved_or_linked_into_an_env_name_to_be_read_either()
    {
        _h.WriteFile("plain.txt", "x");
        (await _h.CallFailingAsync("moveFile", SkillHarness.Args(("source", "plain.txt"), ("destination", ".env.staging"))))
            .Should().StartWith("Access denied - .env.staging is an environment file");

        File.CreateSymbolicLink(_h.InWorkspace("innocent.txt"), _h.InWorkspace(".env"));
        (await _h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", "innocent.txt"))))
            .Should().StartWith("Access denied - innocent.txt is an environment file", "the link's target is what would be read");
    }

    [Test]
    public async Task Templates_listings_and_file_info_stay_available()
    {
        (await _h.CallAsync("readTextFile", SkillHarness.Args(("path", ".env.example")))).GetProperty("content").GetString().Should().StartWith("API_KEY=");
        (await _h.CallAsync("listDirectory", SkillHarness.Args(("path", ".")))).GetRawText().Should().Contain("\".env\"");
        (await _h.CallAsync("getFileInfo", SkillHarness.Args(("path", ".env")))).TryGetProperty("error", out _).Should().BeFalse();
    }

    [Test]
    public async Task Allow_env_files_lets_the_tools_use_them()
    {
        using var allowed = new SkillHarness(o => o with { AllowEnvFiles = true });
        allowed.WriteFile(".env", "API_KEY=value\n");

        (await allowed.CallAsync("readTextFile", SkillHarness.Args(("path", ".env")))).GetProperty("content").GetString().Should().Be("API_KEY=value\n");
    }

    [TestCase(".env", true)]
    [TestCase(".env.local", true)]
    [TestCase(".env.development.local", true)]
    [TestCase(".Env.Production", true)]
    [TestCase(".env.example", false)]
    [TestCase(".env.sample", false)]
    [TestCase(".env.template", false)]
    [TestCase(".env.dist", false)]
    [TestCase(".env.", false)]
    [TestCase(".envrc", false)]
    [TestCase("env", false)]
    [TestCase("production.env", false)]
    public void Env_file_names(string name, bool isEnvFile) => EnvFileRule.IsEnvFileName(name).Should().Be(isEnvFile);
}
