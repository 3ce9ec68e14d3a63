using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Perstack.Core.Skills;

/// <summary>A tool offered to the model without an implementation: the runtime executes calls itself.</summary>
internal sealed class ToolDeclaration : AIFunctionDeclaration
{
    public ToolDeclaration(ToolDefinition definition)
    {
        Name = definition.Name;
        Description = definition.Description;
        JsonSchema = definition.InputSchema;
    }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema { get; }
}
