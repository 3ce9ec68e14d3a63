namespace Perstack.App.Features.Log.Filters;

/// <summary>The comparison of a <see cref="FilterExpression"/>.</summary>
internal enum FilterOperator
{
    /// <summary><c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>&gt;</c> (numbers only).</summary>
    Greater,

    /// <summary><c>&gt;=</c> (numbers only).</summary>
    GreaterOrEqual,

    /// <summary><c>&lt;</c> (numbers only).</summary>
    Less,

    /// <summary><c>&lt;=</c> (numbers only).</summary>
    LessOrEqual,
}
