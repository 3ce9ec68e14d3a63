namespace Perstack.Skills.Base;

/// <summary>
/// A tool failure the model should see: caught by <see cref="BaseSkill"/> and turned into
/// <c>{"error":<see cref="ErrorName"/>,"message":<see cref="Exception.Message"/>}</c>. Never leaves the skill.
/// </summary>
internal sealed class ToolException : Exception
{
    /// <summary>The error name the reference reports for every thrown <c>Error</c>.</summary>
    public const string DefaultName = "Error";

    public ToolException(string message)
        : this(DefaultName, message)
    {
    }

    public ToolException(string errorName, string message)
        : base(message)
    {
        ErrorName = errorName;
    }

    public ToolException()
        : this(DefaultName, "Unknown error")
    {
    }

    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorName = DefaultName;
    }

    /// <summary>The <c>error</c> field of the result.</summary>
    public string ErrorName { get; }
}
