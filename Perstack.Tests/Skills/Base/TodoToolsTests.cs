using System.Text.Json.Nodes;
using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>todo</c> and <c>clearTodo</c>: ids 0, 1, 2… never reused until cleared; completion marks stick.</summary>
[TestFixture]
public sealed class TodoToolsTests
{
    private SkillHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new SkillHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode)v)]);

    private static JsonArray Numbers(params int[] values) => new([.. values.Select(v => (JsonNode)v)]);

    [Test]
    public async Task New_todos_get_sequential_ids_and_the_whole_list_is_returned()
    {
        await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("plan"))));
        var result = await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("build", "test"))));

        result.GetRawText().Should().Be("""{"todos":[{"id":0,"title":"plan","completed":false},{"id":1,"title":"build","completed":false},{"id":2,"title":"test","completed":false}]}""");
    }

    [Test]
    public async Task Completed_ids_are_marked_and_unknown_ids_ignored()
    {
        await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("a", "b"))));

        var result = await _h.CallAsync("todo", SkillHarness.Args(("completedTodos", Numbers(1, 7))));

        result.GetProperty("todos").EnumerateArray().Select(t => t.GetProperty("completed").GetBoolean()).Should().Equal(false, true);
    }

    [Test]
    public async Task Adding_and_completing_in_one_call_can_complete_the_new_todo()
    {
        var result = await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("a")), ("completedTodos", Numbers(0))));

        result.GetProperty("todos")[0].GetProperty("completed").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task A_call_without_arguments_returns_the_list()
    {
        await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("a"))));

        (await _h.CallAsync("todo")).GetProperty("todos").GetArrayLength().Should().Be(1);
    }

    [Test]
    public async Task Clear_empties_the_list_and_restarts_ids()
    {
        await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("a", "b"))));

        (await _h.CallAsync("clearTodo")).GetRawText().Should().Be("""{"todos":[]}""");
        var result = await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("c"))));

        result.GetProperty("todos")[0].GetProperty("id").GetInt32().Should().Be(0);
    }

    [Test]
    public async Task Ids_are_not_reused_after_completion()
    {
        await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("a")), ("completedTodos", Numbers(0))));

        var result = await _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings("b"))));

        result.GetProperty("todos").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).Should().Equal(0, 1);
    }

    [Test]
    public async Task A_non_string_todo_is_an_error_result()
    {
        var message = await _h.CallFailingAsync("todo", SkillHarness.Args(("newTodos", Numbers(1))));

        message.Should().Contain("\"newTodos\" must be an array of strings");
    }

    [Test]
    public async Task Todos_are_safe_under_concurrent_calls()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _h.CallAsync("todo", SkillHarness.Args(("newTodos", Strings($"t{i}"))))));

        var ids = (await _h.CallAsync("todo")).GetProperty("todos").EnumerateArray().Select(t => t.GetProperty("id").GetInt32());
        ids.Should().BeEquivalentTo(Enumerable.Range(0, 50));
    }
}
