using System.Text.Json.Nodes;
using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>attemptCompletion</c>: <c>{}</c> when nothing is open, else the open todos.</summary>
[TestFixture]
public sealed class CompletionToolTests
{
    [Test]
    public async Task With_no_todos_it_returns_an_empty_object()
    {
        using var h = new SkillHarness();

        (await h.CallAsync("attemptCompletion")).GetRawText().Should().Be("{}");
    }

    [Test]
    public async Task Open_todos_are_returned_as_remaining()
    {
        using var h = new SkillHarness();
        await h.CallAsync("todo", SkillHarness.Args(("newTodos", new JsonArray("a", "b")), ("completedTodos", new JsonArray(0))));

        var result = await h.CallAsync("attemptCompletion");

        result.GetRawText().Should().Be("""{"remainingTodos":[{"id":1,"title":"b","completed":false}]}""");
    }

    [Test]
    public async Task Once_every_todo_is_completed_it_returns_an_empty_object()
    {
        using var h = new SkillHarness();
        await h.CallAsync("todo", SkillHarness.Args(("newTodos", new JsonArray("a"))));
        await h.CallAsync("todo", SkillHarness.Args(("completedTodos", new JsonArray(0))));

        (await h.CallAsync("attemptCompletion")).GetRawText().Should().Be("{}");
    }

    [Test]
    public async Task Clearing_the_list_allows_completion()
    {
        using var h = new SkillHarness();
        await h.CallAsync("todo", SkillHarness.Args(("newTodos", new JsonArray("a"))));
        await h.CallAsync("clearTodo");

        (await h.CallAsync("attemptCompletion")).GetRawText().Should().Be("{}");
    }
}
