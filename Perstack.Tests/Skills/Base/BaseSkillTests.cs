using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;
using Perstack.Skills.Base;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Skills.Base;

/// <summary>The skill as the runtime sees it: name, kind, tool list, pick/omit, and failures as results, never exceptions.</summary>
[TestFixture]
public sealed class BaseSkillTests
{
    private static readonly string[] ExpectedNames =
    [
        "attemptCompletion", "think", "todo", "clearTodo", "exec", "getFileInfo", "healthCheck", "readTextFile", "readImageFile",
        "readPdfFile", "writeTextFile", "appendTextFile", "editTextFile", "moveFile", "deleteFile", "listDirectory",
        "createDirectory", "deleteDirectory",
    ];

    [Test]
    public void It_is_the_mcp_skill_named_perstack_base()
    {
        using var h = new SkillHarness();

        h.Skill.Name.Should().Be("@perstack/base");
        h.Skill.Kind.Should().Be(SkillKind.Mcp);
    }

    [Test]
    public async Task It_lists_every_tool_in_the_reference_order_with_object_schemas_and_descriptions()
    {
        using var h = new SkillHarness();

        var tools = await h.Skill.ListToolsAsync();

        tools.Select(t => t.Name).Should().Equal(ExpectedNames);
        BaseSkill.AllToolNames.Should().Equal(ExpectedNames);
        foreach (var tool in tools)
        {
            tool.InputSchema.GetProperty("type").GetString().Should().Be("object", tool.Name);
            tool.InputSchema.GetProperty("properties").ValueKind.Should().Be(JsonValueKind.Object, tool.Name);
            tool.Description.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Test]
    public async Task Required_parameters_are_declared_as_in_the_reference()
    {
        using var h = new SkillHarness();
        var tools = (await h.Skill.ListToolsAsync()).ToDictionary(t => t.Name);

        string[] Required(string name) => tools[name].InputSchema.TryGetProperty("required", out var r) ? [.. r.EnumerateArray().Select(e => e.GetString()!)] : [];

        Required("exec").Should().BeEquivalentTo(["command", "args", "env", "cwd", "stdout", "stderr"]);
        Required("readTextFile").Should().Equal("path");
        Required("editTextFile").Should().BeEquivalentTo(["path", "newText", "oldText"]);
        Required("moveFile").Should().BeEquivalentTo(["source", "destination"]);
        Required("todo").Should().BeEmpty();
        Required("attemptCompletion").Should().BeEmpty();
        tools["readTextFile"].InputSchema.GetProperty("properties").GetProperty("from").GetProperty("type").GetString().Should().Be("number");
    }

    [Test]
    public async Task Omit_drops_tools()
    {
        using var h = new SkillHarness(omit: ["exec", "deleteDirectory"]);

        var names = (await h.Skill.ListToolsAsync()).Select(t => t.Name).ToList();

        names.Should().HaveCount(16).And.NotContain(["exec", "deleteDirectory"]);
    }

    [Test]
    public async Task Pick_keeps_only_the_named_tools_in_listing_order()
    {
        using var h = new SkillHarness(pick: ["readTextFile", "attemptCompletion", "no-such-tool"]);

        (await h.Skill.ListToolsAsync()).Select(t => t.Name).Should().Equal("attemptCompletion", "readTextFile");
    }

    [Test]
    public async Task Omit_is_applied_before_pick()
    {
        using var h = new SkillHarness(pick: ["exec", "think"], omit: ["exec"]);

        (await h.Skill.ListToolsAsync()).Select(t => t.Name).Should().Equal("think");
    }

    [Test]
    public async Task Calling_a_tool_that_was_filtered_out_is_a_not_found_result()
    {
        using var h = new SkillHarness(omit: ["exec"]);

        var message = await h.CallFailingAsync("exec", SkillHarness.Args(("command", "ls")));

        message.Should().Be("Tool exec not found");
    }

    [Test]
    public async Task An_unknown_tool_is_a_not_found_result()
    {
        using var h = new SkillHarness();

        (await h.CallFailingAsync("fly")).Should().Be("Tool fly not found");
    }

    [Test]
    public async Task A_missing_required_argument_is_a_result_naming_tool_and_parameter()
    {
        using var h = new SkillHarness();

        var message = await h.CallFailingAsync("readTextFile");

        message.Should().Be("Invalid arguments for tool readTextFile: \"path\" is required (a string)");
    }

    [Test]
    public async Task An_argument_of_the_wrong_type_is_a_result()
    {
        using var h = new SkillHarness();

        var message = await h.CallFailingAsync("readTextFile", SkillHarness.Args(("path", 42)));

        message.Should().Be("Invalid arguments for tool readTextFile: \"path\" must be a string, got a number");
    }

    [Test]
    public async Task Arguments_that_are_not_an_object_are_a_result()
    {
        using var h = new SkillHarness();

        var parts = await h.Skill.CallToolAsync("think", JsonDocument.Parse("[1]").RootElement);

        parts.Should().ContainSingle().Which.Should().BeOfType<TextPart>()
            .Which.Text.Should().Be("""{"error":"Error","message":"Invalid arguments for tool think: expected a JSON object, got an array"}""");
    }

    [Test]
    public async Task Absent_arguments_count_as_an_empty_object()
    {
        using var h = new SkillHarness();

        var parts = await h.Skill.CallToolAsync("attemptCompletion", default);

        parts.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text.Should().Be("{}");
    }

    [Test]
    public async Task Every_part_gets_its_own_id()
    {
        using var h = new SkillHarness();

        var first = await h.CallPartsAsync("healthCheck");
        var second = await h.CallPartsAsync("healthCheck");

        first[0].Id.Should().HaveLength(IdGenerator.Length).And.NotBe(second[0].Id);
    }

    [Test]
    public async Task Json_results_are_not_html_escaped()
    {
        using var h = new SkillHarness();

        var parts = await h.CallPartsAsync("writeTextFile", SkillHarness.Args(("path", "a.html"), ("text", "<p>é & ü</p>")));

        ((TextPart)parts[0]).Text.Should().Contain("\"text\":\"<p>é & ü</p>\"");
    }

    [Test]
    public async Task Todo_state_belongs_to_one_instance()
    {
        using var a = new SkillHarness();
        using var b = new SkillHarness();

        await a.CallAsync("todo", SkillHarness.Args(("newTodos", new System.Text.Json.Nodes.JsonArray("x"))));

        (await b.CallAsync("attemptCompletion")).EnumerateObject().Should().BeEmpty();
        (await a.CallAsync("attemptCompletion")).GetProperty("remainingTodos").GetArrayLength().Should().Be(1);
    }

    [Test]
    public void A_missing_workspace_is_a_perstack_exception_at_construction()
    {
        using var temp = new TempDirectory();

        var act = () => new BaseSkill(new BaseSkillOptions(Path.Combine(temp.Path, "nope")));

        act.Should().Throw<PerstackException>();
    }

    [Test]
    public async Task Cancelling_the_caller_token_cancels_the_call()
    {
        using var h = new SkillHarness();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = () => h.CallPartsAsync("readTextFile", SkillHarness.Args(("path", h.WriteFile("a.txt", "x"))), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
