namespace Perstack.Core.Skills;

/// <summary>How the runtime treats a skill's tool calls (and the order they are sorted in: MCP, delegate, interactive).</summary>
public enum SkillKind
{
    /// <summary>Executed now (MCP servers and the built-in base skill).</summary>
    Mcp,

    /// <summary>Runs another expert.</summary>
    Delegate,

    /// <summary>Answered by a human; stops the run.</summary>
    Interactive,
}
