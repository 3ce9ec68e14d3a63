using FluentAssertions;
using Microsoft.Extensions.Logging;
using Perstack.App.Logging;
using Perstack.Core.Secrets;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Logging;

public sealed class RotatingFileLoggerProviderTests
{
    private static void Write(ILogger logger, LogLevel level, string message, Exception? exception = null) =>
        logger.Log(level, default, message, exception, static (text, _) => text);

    [Test]
    public void Past_its_size_the_file_is_rotated_and_only_the_newest_files_are_kept()
    {
        using var folder = new TempDirectory();
        using (var provider = new RotatingFileLoggerProvider(folder.Path, new LogRedaction(), maxBytes: 200))
        {
            var logger = provider.CreateLogger("Test");
            for (int i = 0; i < 40; i++)
            {
                Write(logger, LogLevel.Information, $"line {i} with some padding to fill the file");
            }
        }

        var files = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order().ToList();
        files.Should().Equal(["perstack.1.log", "perstack.2.log", "perstack.3.log", "perstack.4.log", "perstack.5.log", "perstack.log"]);
        File.ReadAllText(Path.Combine(folder.Path, "perstack.1.log")).Should().Contain("line 3");
        Directory.GetFiles(folder.Path).Sum(f => new FileInfo(f).Length).Should().BeLessThan(2000, "older files are dropped");
    }

    [Test]
    public void A_line_is_one_line_with_its_level_and_category_and_no_secret()
    {
        using var folder = new TempDirectory();
        var redaction = new LogRedaction();
        redaction.Add(new SecretRedactor([new KnownSecret("API_KEY", "sk-secret-value-123")]));
        using (var provider = new RotatingFileLoggerProvider(folder.Path, redaction))
        {
            Write(provider.CreateLogger("Perstack.Test"), LogLevel.Warning, "two\nlines sk-secret-value-123", new InvalidOperationException("bad sk-secret-value-123"));
        }

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "perstack.log"));
        lines.Should().ContainSingle().Which.Should().Contain(" warn [").And.Contain("Perstack.Test: two lines [REDACTED:API_KEY] (InvalidOperationException: bad [REDACTED:API_KEY])")
            .And.NotContain("sk-secret-value-123");
    }

    [Test]
    public void A_log_that_cannot_be_written_is_given_up_silently()
    {
        using var folder = new TempDirectory();
        var blocked = Path.Combine(folder.Path, "file");
        File.WriteAllText(blocked, "");
        using var provider = new RotatingFileLoggerProvider(Path.Combine(blocked, "logs"), new LogRedaction());

        var write = () => Write(provider.CreateLogger("Test"), LogLevel.Error, "nowhere to go");

        write.Should().NotThrow();
    }
}
