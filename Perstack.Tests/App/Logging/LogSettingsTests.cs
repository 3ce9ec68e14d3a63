using FluentAssertions;
using Microsoft.Extensions.Logging;
using Perstack.App.Logging;
using Perstack.Core.Domain;

namespace Perstack.Tests.App.Logging;

public sealed class LogSettingsTests
{
    [TestCase(null, LogLevel.Information)]
    [TestCase("", LogLevel.Information)]
    [TestCase("Trace", LogLevel.Trace)]
    [TestCase("debug", LogLevel.Debug)]
    [TestCase("info", LogLevel.Information)]
    [TestCase("WARN", LogLevel.Warning)]
    [TestCase("warning", LogLevel.Warning)]
    [TestCase("error", LogLevel.Error)]
    [TestCase("critical", LogLevel.Critical)]
    [TestCase("off", LogLevel.None)]
    [TestCase("none", LogLevel.None)]
    public void The_level_comes_from_PERSTACK_LOG_LEVEL(string? value, LogLevel level) =>
        LogSettings.Level(name => name == LogSettings.LevelVariable ? value : null).Should().Be(level);

    [Test]
    public void An_unknown_level_is_refused()
    {
        var read = () => LogSettings.Level(_ => "loud");

        read.Should().Throw<PerstackException>().WithMessage("PERSTACK_LOG_LEVEL must be one of trace, debug, information, warning, error, critical, none (got \"loud\")");
    }
}
