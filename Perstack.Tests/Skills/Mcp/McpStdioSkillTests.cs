using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.Skills.Mcp;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Skills;

namespace Perstack.Tests.Skills.Mcp;

/// <summary>External stdio MCP servers (the test server, and <c>perstack base-skill</c>) as real child processes.</summary>
[Category(TestCategories.ChildProcess)]
[TestFixture]
public sealed class McpStdioSkillTests
{
    private TempDirectory _temp = null!;
    private EventRecorder _events = null!;
    private List<ISkillManager> _started = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _events = new EventRecorder();
        _started = [];
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var skill in _started)
        {
            await skill.DisposeAsync();
        }

        _temp.Dispose();
    }

    /// <summary>Whether a server started with <c>--touch</c> has written its pid there.</summary>
    private static bool HasPid(string touchFile) => File.Exists(touchFile) && new FileInfo(touchFile).Length > 0;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string TextOf(IReadOnlyList<MessagePart> parts) => parts.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text;

    private SkillSetFactory Factory(McpSkillOptions? options = null) =>
        new(new BaseSkillOptions(_temp.Path), options ?? new McpSkillOptions { CallTimeout = TimeSpan.FromSeconds(20), StartTimeout = TimeSpan.FromSeconds(30) });

    private async Task<IReadOnlyList<ISkillManager>> StartAsync(McpSkillOptions? options, params Skill[] skills)
    {
        var started = await Factory(options).StartAsync(TestMcpServer.Expert(skills), [], _events.Target);
        _started.AddRange(started);
        return started;
    }

    private async Task<McpSkill> StartOneAsync(McpStdioSkill skill, McpSkillOptions? options = null) =>
        (McpSkill)(await StartAsync(options, skill)).Single();

    [Test]
    public async Task Tools_are_listed_and_called_over_stdio()
    {
        var skill = await StartOneAsync(TestMcpServer.Stdio());

        var tools = await skill.ListToolsAsync();
        var echo = await skill.CallToolAsync("echo", Json("""{"text":"hello over stdio"}"""));

        skill.Name.Should().Be("test");
        skill.Kind.Should().Be(SkillKind.Mcp);
        tools.Select(t => t.Name).Should().Equal("echo", "env", "slow", "crash", "image", "spawnChild", "stderr", "empty", "fail", "toolError", "mixed", "hang", "parentEnviron");
        tools[0].Description.Should().Be("Returns the text it is given.");
        tools[0].InputSchema.GetProperty("required")[0].GetString().Should().Be("text");
        TextOf(echo).Should().Be("hello over stdio");
    }

    [Test]
    public async Task Pick_and_omit_filter_the_tools_omit_first()
    {
        var picked = TestMcpServer.Stdio("picked") with { Pick = ["echo", "env", "slow"], Omit = ["env"] };
        var omitted = TestMcpServer.Stdio("omitted") with { Omit = ["crash", "spawnChild", "echo"] };
        var skills = await StartAsync(null, picked, omitted);

        var pickedTools = await skills[0].ListToolsAsync();
        var omittedTools = await skills[1].ListToolsAsync();
        var filteredCall = await skills[0].CallToolAsync("image", Json("{}"));

        pickedTools.Select(t => t.Name).Should().Equal("echo", "slow");
        omittedTools.Select(t => t.Name).Should().Equal("env", "slow", "image", "stderr", "empty", "fail", "toolError", "mixed", "hang", "parentEnviron");
        TextOf(filteredCall).Should().Be("Error calling tool image: Tool image not found");
    }

    [Test]
    public async Task The_child_gets_only_required_and_safe_variables_never_the_parents_environment()
    {
        // The run's environment (process env + .env files) as the factory sees it: a secret and a required variable
        // on top of this process's variables. The test process's own environment is not changed.
        var runEnvironment = new Dictionary<string, string>
        {
            ["PERSTACK_TEST_SECRET"] = "s3cret-do-not-leak",
            ["PERSTACK_TEST_REQUIRED"] = "visible-value",
        };
        var options = new McpSkillOptions
        {
            Environment = name => runEnvironment.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name),
            StartTimeout = TimeSpan.FromSeconds(30),
        };
        var inherited = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => !McpSkillOptions.SafeVariables.Contains(name))
            .Order(StringComparer.Ordinal).Take(5).ToList();
        var skill = await StartOneAsync(TestMcpServer.Stdio() with { RequiredEnv = ["PERSTACK_TEST_REQUIRED"] }, options);

        async Task<string> EnvAsync(string name) => TextOf(await skill.CallToolAsync("env", Json($$"""{"name":"{{name}}"}""")));

        (await EnvAsync("PERSTACK_TEST_REQUIRED")).Should().Be("visible-value");
        (await EnvAsync("PERSTACK_TEST_SECRET")).Should().Be("<unset>");
        (await EnvAsync("PATH")).Should().Be(Environment.GetEnvironmentVariable("PATH"));
        inherited.Should().NotBeEmpty();
        foreach (var name in inherited)
        {
            (await EnvAsync(name)).Should().Be("<unset>", $"{name} is a variable of the parent process only");
        }

        skill.Launch!.Environment.Keys.Should().BeSubsetOf(McpSkillOptions.SafeVariables.Append("PERSTACK_TEST_REQUIRED"));
    }

    [Test]
    public async Task A_missing_required_variable_fails_before_any_process_starts()
    {
        var touch = Path.Combine(_temp.Path, "started");
        var good = TestMcpServer.Stdio("good", "--touch", touch);
        var needy = TestMcpServer.Stdio("needy") with { RequiredEnv = ["PERSTACK_TEST_NOT_SET_ANYWHERE"] };

        var start = () => Factory(new McpSkillOptions { Environment = _ => null }).StartAsync(TestMcpServer.Expert(good, needy), [], _events.Target);

        (await start.Should().ThrowAsync<PerstackException>())
            .WithMessage("Skill needy requires environment variable PERSTACK_TEST_NOT_SET_ANYWHERE");
        File.Exists(touch).Should().BeFalse();
        _events.Events.Should().BeEmpty();
    }

    [Test]
    public async Task Starting_connected_and_stderr_lines_are_runtime_events()
    {
        var declared = TestMcpServer.Stdio();
        var skill = await StartOneAsync(declared);

        await skill.CallToolAsync("stderr", Json("""{"text":"a line on stderr"}"""));

        (await _events.WaitForAsync<SkillStderrEvent>(e => e.Message == "a line on stderr")).Should().BeTrue();
        var starting = _events.OfType<SkillStartingEvent>().Should().ContainSingle().Subject;
        starting.SkillName.Should().Be("test");
        starting.Command.Should().Be(declared.Command);
        starting.Args.Should().Equal(declared.Args);
        starting.JobId.Should().Be(_events.JobId);
        starting.RunId.Should().Be(_events.RunId);
        var connected = _events.OfType<SkillConnectedEvent>().Should().ContainSingle().Subject;
        connected.ServerInfo.Should().Be(new ServerInfo { Name = "test-mcp-server", Version = "1.2.3" });
        connected.ConnectDurationMs.Should().BeGreaterThan(0);
        connected.TotalDurationMs.Should().BeGreaterThanOrEqualTo(connected.ConnectDurationMs!.Value);
        _events.OfType<SkillStderrEvent>().Select(e => e.Message).Should().Contain("test-mcp-server: started (stdio)");
        var events = _events.Events.ToList();
        events[0].Should().BeOfType<SkillStartingEvent>();
        events.IndexOf(connected).Should().BeLessThan(events.FindIndex(e => e is SkillStderrEvent { Message: "a line on stderr" }));

        await skill.DisposeAsync();

        _events.Events[^1].Should().BeOfType<SkillDisconnectedEvent>().Which.SkillName.Should().Be("test");
        _events.OfType<SkillDisconnectedEvent>().Should().ContainSingle();
    }

    [Test]
    public async Task A_crash_mid_call_is_an_error_result_and_a_disconnected_event()
    {
        var skill = await StartOneAsync(TestMcpServer.Stdio());

        var crash = await skill.CallToolAsync("crash", Json("{}"));

        TextOf(crash).Should().Be("Error calling tool crash: the server process exited with code 3: test-mcp-server: started (stdio) test-mcp-server: crashing");
        (await _events.WaitForAsync<SkillDisconnectedEvent>()).Should().BeTrue();
        TextOf(await skill.CallToolAsync("echo", Json("""{"text":"still there?"}""")))
            .Should().Be("Error calling tool echo: Skill test is disconnected");
        await skill.DisposeAsync();
        _events.OfType<SkillDisconnectedEvent>().Should().ContainSingle();
    }

    [Test]
    public async Task A_call_past_the_timeout_is_an_error_result_and_the_server_stays_usable()
    {
        var skill = await StartOneAsync(TestMcpServer.Stdio(), new McpSkillOptions { CallTimeout = TimeSpan.FromMilliseconds(1500) });
        var stopwatch = Stopwatch.StartNew();

        var slow = await skill.CallToolAsync("slow", Json("""{"ms":30000}"""));

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        TextOf(slow).Should().Be("Error calling tool slow: Request timed out after 1500 ms");
        TextOf(await skill.CallToolAsync("slow", Json("""{"ms":1}"""))).Should().Be("slept 1 ms");
        _events.OfType<SkillDisconnectedEvent>().Should().BeEmpty();
    }

    [Test]
    public async Task Dispose_kills_the_whole_process_tree()
    {
        var touch = Path.Combine(_temp.Path, "server.pid");
        var skill = await StartOneAsync(TestMcpServer.Stdio("test", "--touch", touch));
        var serverPid = TestMcpServer.PidIn(touch);
        var grandchildPid = int.Parse(TextOf(await skill.CallToolAsync("spawnChild", Json("{}"))), System.Globalization.CultureInfo.InvariantCulture);
        TestMcpServer.IsAlive(serverPid).Should().BeTrue();
        TestMcpServer.IsAlive(grandchildPid).Should().BeTrue();

        await skill.DisposeAsync();

        (await TestMcpServer.EventuallyAsync(() => !TestMcpServer.IsAlive(grandchildPid) && !TestMcpServer.IsAlive(serverPid), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the server and its `sleep 300` child are killed together");
    }

    [Test]
    public async Task Cancelling_a_call_throws_and_dispose_still_kills_the_tree()
    {
        var touch = Path.Combine(_temp.Path, "server.pid");
        var skill = await StartOneAsync(TestMcpServer.Stdio("test", "--touch", touch));
        var grandchildPid = int.Parse(TextOf(await skill.CallToolAsync("spawnChild", Json("{}"))), System.Globalization.CultureInfo.InvariantCulture);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var call = () => skill.CallToolAsync("slow", Json("""{"ms":30000}"""), cancel.Token);

        await call.Should().ThrowAsync<OperationCanceledException>();
        await skill.DisposeAsync();
        (await TestMcpServer.EventuallyAsync(() => !TestMcpServer.IsAlive(grandchildPid) && !TestMcpServer.IsAlive(TestMcpServer.PidIn(touch)), TimeSpan.FromSeconds(5)))
            .Should().BeTrue();
    }

    [Test]
    public async Task A_lazy_skill_starts_on_first_listing_not_with_the_pass()
    {
        var touch = Path.Combine(_temp.Path, "lazy.pid");
        var skill = await StartOneAsync(TestMcpServer.Stdio("lazy", "--touch", touch) with { LazyInit = true });

        await Task.Delay(300);

        skill.LazyInit.Should().BeTrue();
        skill.Started.Should().BeFalse();
        File.Exists(touch).Should().BeFalse();
        _events.Events.Should().BeEmpty();

        var first = skill.ListToolsAsync();
        var second = skill.ListToolsAsync();
        (await first).Should().HaveCount(13);
        (await second).Should().BeSameAs(await first);

        skill.Started.Should().BeTrue();
        File.Exists(touch).Should().BeTrue();

        // Skill events reach their listener through a pump (SkillEventPump), after the listing may have returned.
        (await _events.WaitForAsync<SkillConnectedEvent>()).Should().BeTrue();
        _events.OfType<SkillStartingEvent>().Should().ContainSingle();
        _events.OfType<SkillConnectedEvent>().Should().ContainSingle();
    }

    [Test]
    public async Task A_lazy_skill_also_starts_on_a_first_call()
    {
        var skill = await StartOneAsync(TestMcpServer.Stdio("lazy") with { LazyInit = true });

        TextOf(await skill.CallToolAsync("echo", Json("""{"text":"lazy hello"}"""))).Should().Be("lazy hello");
        _events.OfType<SkillConnectedEvent>().Should().ContainSingle();
    }

    [Test]
    public async Task A_lazy_skill_that_cannot_start_fails_its_listing_and_its_calls()
    {
        var skill = await StartOneAsync(TestMcpServer.Stdio("lazy", "--fail-start") with { LazyInit = true });

        var list = () => skill.ListToolsAsync();

        (await list.Should().ThrowAsync<PerstackException>()).Which.Message.Should().StartWith("Skill lazy failed to start: ");
        TextOf(await skill.CallToolAsync("echo", Json("{}"))).Should().StartWith("Error calling tool echo: Skill lazy failed to start: ");
    }

    [Test]
    public async Task A_server_that_exits_at_start_fails_the_start_naming_the_skill()
    {
        var start = () => StartAsync(null, TestMcpServer.Stdio("broken", "--fail-start"));

        var error = (await start.Should().ThrowAsync<PerstackException>()).Which;

        error.Message.Should().Be("Skill broken failed to start: the server process exited with code 2: test-mcp-server: refusing to start");
    }

    [Test]
    public async Task A_missing_command_fails_the_start_naming_the_skill()
    {
        var start = () => StartAsync(null, new McpStdioSkill { Name = "nowhere", Command = "/nonexistent/mcp-server", Args = ["--stdio"] });

        var error = (await start.Should().ThrowAsync<PerstackException>()).Which;

        error.Message.Should().StartWith("Skill nowhere failed to start: ").And.Contain("/nonexistent/mcp-server").And.NotContain("\n");
    }

    [Test]
    public async Task A_server_that_never_answers_times_out_and_is_killed_with_the_skills_started_beside_it()
    {
        var hungTouch = Path.Combine(_temp.Path, "hung.pid");
        var goodTouch = Path.Combine(_temp.Path, "good.pid");
        // The start deadline runs on this clock, which moves only once "good" is up and "hung" is running: however busy
        // the machine, "good" cannot miss the deadline and "hung" cannot answer before it.
        var clock = new FakeTimeProvider();
        var options = new McpSkillOptions { StartTimeout = TimeSpan.FromMilliseconds(4000), TimeProvider = clock };

        var start = StartAsync(options, TestMcpServer.Stdio("good", "--touch", goodTouch), TestMcpServer.Stdio("hung", "--hang-start", "--touch", hungTouch));
        var goodConnected = await _events.WaitForAsync<SkillConnectedEvent>(e => e.SkillName == "good", seconds: 60);
        var bothRunning = await TestMcpServer.EventuallyAsync(() => HasPid(goodTouch) && HasPid(hungTouch), TimeSpan.FromSeconds(60));
        var endedOnWallClock = await Task.WhenAny(start, Task.Delay(options.StartTimeout + TimeSpan.FromMilliseconds(500))) == start;
        var stopwatch = Stopwatch.StartNew();
        clock.Advance(TimeSpan.FromMilliseconds(4000));

        goodConnected.Should().BeTrue("the good server starts");
        bothRunning.Should().BeTrue("both servers run");
        endedOnWallClock.Should().BeFalse("the start deadline runs on the options' clock, not the wall clock");

        (await start.Invoking(s => s).Should().ThrowAsync<PerstackException>()).WithMessage("Skill hung failed to start: timed out after 4000 ms");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        (await TestMcpServer.EventuallyAsync(() => !TestMcpServer.IsAlive(TestMcpServer.PidIn(hungTouch)) && !TestMcpServer.IsAlive(TestMcpServer.PidIn(goodTouch)), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("a failed start leaves no process behind");
    }

    [Test]
    public async Task Cancelling_the_start_kills_what_was_started()
    {
        var touch = Path.Combine(_temp.Path, "hung.pid");
        using var cancel = new CancellationTokenSource();
        var starting = Factory().StartAsync(TestMcpServer.Expert(TestMcpServer.Stdio("hung", "--hang-start", "--touch", touch)), [], _events.Target, cancel.Token);
        (await TestMcpServer.EventuallyAsync(() => HasPid(touch), TimeSpan.FromSeconds(20))).Should().BeTrue();

        await cancel.CancelAsync();

        await starting.Invoking(s => s).Should().ThrowAsync<OperationCanceledException>();
        (await TestMcpServer.EventuallyAsync(() => !TestMcpServer.IsAlive(TestMcpServer.PidIn(touch)), TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Test]
    public async Task Results_are_converted_as_the_reference_does()
    {
        var skill = await StartOneAsync(TestMcpServer.Stdio());

        var image = await skill.CallToolAsync("image", Json("{}"));
        var empty = await skill.CallToolAsync("empty", Json("""{"why":"nothing"}"""));
        var fail = await skill.CallToolAsync("fail", Json("{}"));
        var toolError = await skill.CallToolAsync("toolError", Json("{}"));
        var unknown = await skill.CallToolAsync("noSuchTool", Json("{}"));
        var mixed = await skill.CallToolAsync("mixed", Json("{}"));

        image.Should().ContainSingle().Which.Should().BeOfType<ImageInlinePart>().Which.Should().Match<ImageInlinePart>(
            p => p.MimeType == "image/png" && Convert.FromBase64String(p.EncodedData).Length > 60);
        TextOf(empty).Should().Be("""Tool empty returned nothing with arguments: {"why":"nothing"}""");
        TextOf(fail).Should().StartWith("Error calling tool fail: ").And.Contain("fail was asked to fail");
        TextOf(toolError).Should().Be("the tool failed");
        TextOf(unknown).Should().Be("Error calling tool noSuchTool: Tool noSuchTool not found");
        mixed.Should().HaveCount(3);
        mixed[0].Should().BeOfType<TextPart>().Which.Text.Should().Be("Error: No content");
        mixed[1].Should().BeOfType<TextPart>().Which.Text.Should().Be("resource text");
        var pdf = mixed[2].Should().BeOfType<FileInlinePart>().Subject;
        pdf.MimeType.Should().Be("application/pdf");
        Convert.FromBase64String(pdf.EncodedData).Should().Equal("%PDF-1.4"u8.ToArray());
        mixed.Select(p => p.Id).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Perstack_base_skill_works_as_an_external_stdio_server()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_temp.Path, "ws")).FullName;
        var skill = await StartOneAsync(new McpStdioSkill
        {
            Name = "external-base",
            Command = TestMcpServer.Dotnet,
            Args = [TestMcpServer.PerstackDll, "base-skill", "--workspace", workspace],
            Omit = ["think"],
        });

        var tools = await skill.ListToolsAsync();
        var write = await skill.CallToolAsync("writeTextFile", Json("""{"path":"hello.txt","text":"hi from the external base"}"""));
        var read = await skill.CallToolAsync("readTextFile", Json("""{"path":"hello.txt"}"""));

        tools.Should().HaveCount(17).And.Contain(t => t.Name == "attemptCompletion").And.NotContain(t => t.Name == "think");
        TextOf(write).Should().Contain("hi from the external base");
        TextOf(read).Should().Contain("\"content\":\"hi from the external base\"");
        File.ReadAllText(Path.Combine(workspace, "hello.txt")).Should().Be("hi from the external base");
        _events.OfType<SkillConnectedEvent>().Single().ServerInfo!.Name.Should().Be("@perstack/base");
    }

    [Test]
    public async Task An_unpinned_base_declaration_stays_in_process()
    {
        var skills = await StartAsync(null, new McpStdioSkill { Name = "@perstack/base", Command = "npx", PackageName = "@perstack/base", Pick = ["think"] });

        skills.Single().Should().BeOfType<BaseSkill>();
        _events.Events.Should().BeEmpty();
    }

    [Test]
    public async Task PerstackBaseSkillCommand_runs_the_base_declaration_as_that_external_command()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_temp.Path, "ws")).FullName;
        var options = new McpSkillOptions { BaseSkillCommand = [TestMcpServer.Dotnet, TestMcpServer.PerstackDll, "base-skill", "--workspace", workspace] };

        var skills = await StartAsync(options, new McpStdioSkill
        {
            Name = "@perstack/base", Command = "npx", PackageName = "@perstack/base", Pick = ["healthCheck", "attemptCompletion"], LazyInit = true,
        });

        var skill = skills.Single().Should().BeOfType<McpSkill>().Subject;
        skill.LazyInit.Should().BeFalse();
        skill.Started.Should().BeTrue();
        (await skill.ListToolsAsync()).Select(t => t.Name).Should().Equal("attemptCompletion", "healthCheck");
        TextOf(await skill.CallToolAsync("healthCheck", Json("{}"))).Should().Contain($"\"workspace\":\"{workspace}\"");
        _events.OfType<SkillStartingEvent>().Single().Args.Should().Equal(TestMcpServer.PerstackDll, "base-skill", "--workspace", workspace);
    }

    [Test]
    public async Task A_pinned_base_version_runs_externally_through_npx()
    {
        var start = () => StartAsync(null, new McpStdioSkill { Name = "@perstack/base", Command = "/nonexistent/npx", PackageName = "@perstack/base@0.0.1" });

        (await start.Should().ThrowAsync<PerstackException>()).Which.Message.Should().StartWith("Skill @perstack/base failed to start: ");
        var starting = _events.OfType<SkillStartingEvent>().Should().ContainSingle().Subject;
        starting.Command.Should().Be("/nonexistent/npx");
        starting.Args.Should().Equal("-y", "@perstack/base@0.0.1");
    }
}
