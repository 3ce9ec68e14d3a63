using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Skills;
using Perstack.Core.Skills.Delegation;
using Perstack.Core.Skills.Interactive;

namespace Perstack.Tests.Core.Skills;

public sealed class ToolRouterTests
{
    private static InteractiveSkillManager Interactive(string skill, params string[] tools) => new(new InteractiveSkill
    {
        Name = skill,
        Tools = tools.ToDictionary(t => t, t => new InteractiveTool { Name = t, InputJsonSchema = """{"type":"object"}""" }),
    });

    [Test]
    public async Task Tools_of_all_skills_share_one_namespace()
    {
        var worker = new Expert { Key = "@org/worker", Name = "@org/worker", Version = "1.0.0", Instruction = "x" };
        var router = await ToolRouter.CreateAsync([Interactive("ask", "askUser"), new DelegateSkill(worker)], CancellationToken.None);

        router.Declarations.Select(d => d.Name).Should().BeEquivalentTo("askUser", "worker");
        router.Find("worker")!.Kind.Should().Be(SkillKind.Delegate);
        router.Find("askUser")!.Name.Should().Be("ask");
        router.Find("nope").Should().BeNull();
    }

    [Test]
    public async Task A_tool_name_offered_by_two_skills_is_an_error_naming_both()
    {
        var create = () => ToolRouter.CreateAsync([Interactive("first", "askUser"), Interactive("second", "askUser")], CancellationToken.None);

        await create.Should().ThrowAsync<PerstackException>()
            .WithMessage("Tool \"askUser\" is offered by both skill \"first\" and skill \"second\"; use pick or omit to keep one");
    }

    [Test]
    public async Task A_delegate_tool_takes_a_required_query()
    {
        var worker = new Expert { Key = "w", Name = "w", Version = "1.0.0", Description = "Does work", Instruction = "x" };
        var tool = (await new DelegateSkill(worker).ListToolsAsync()).Single();

        tool.Description.Should().Be("Does work");
        tool.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().Equal("query");
        tool.InputSchema.GetProperty("properties").GetProperty("query").GetProperty("type").GetString().Should().Be("string");
        tool.InputSchema.ValueKind.Should().Be(JsonValueKind.Object);
    }
}
