using Perstack.Core.Domain.Experts;

namespace Perstack.Tests.Core.Runtime;

/// <summary>Experts for in-process runtime tests (their model is an <see cref="ExpertChatClient"/>).</summary>
internal static class TestExperts
{
    /// <summary>An expert whose instruction names it to the model script, with the base skill narrowed to <paramref name="pick"/>.</summary>
    public static Expert Create(string key, string instruction, string[] pick, params string[] delegates) => new()
    {
        Key = key,
        Name = key,
        Version = "1.0.0",
        Description = $"The {key} expert",
        Instruction = instruction,
        Delegates = delegates,
        Skills = new Dictionary<string, Skill> { ["@perstack/base"] = new McpStdioSkill { Name = "@perstack/base", Command = "npx", PackageName = "@perstack/base", Pick = pick } },
    };
}
