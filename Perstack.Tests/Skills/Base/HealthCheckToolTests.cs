using FluentAssertions;
using Microsoft.Extensions.Time.Testing;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>healthCheck</c>: status, workspace, uptime from the injected clock, memory, pid.</summary>
[TestFixture]
public sealed class HealthCheckToolTests
{
    [Test]
    public async Task It_reports_ok_the_workspace_uptime_memory_and_pid()
    {
        var clock = new FakeTimeProvider();
        using var h = new SkillHarness(options => options with { TimeProvider = clock });
        clock.Advance(TimeSpan.FromSeconds(42.9));

        var result = await h.CallAsync("healthCheck");

        result.GetProperty("status").GetString().Should().Be("ok");
        result.GetProperty("workspace").GetString().Should().Be(h.Workspace);
        result.GetProperty("uptime").GetString().Should().Be("42s");
        result.GetProperty("memory").GetProperty("heapUsed").GetString().Should().MatchRegex(@"^\d+MB$");
        result.GetProperty("memory").GetProperty("heapTotal").GetString().Should().MatchRegex(@"^\d+MB$");
        result.GetProperty("pid").GetInt32().Should().Be(Environment.ProcessId);
    }
}
