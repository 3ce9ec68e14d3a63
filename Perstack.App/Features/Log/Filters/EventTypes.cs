using Perstack.Core.Json;

namespace Perstack.App.Features.Log.Filters;

/// <summary>The run event types <c>perstack log</c> knows, and the sets behind its presets.</summary>
internal static class EventTypes
{
    /// <summary><c>--errors</c>.</summary>
    public static IReadOnlySet<string> Errors { get; } = new HashSet<string>(["stopRunByError", "retry"], StringComparer.Ordinal);

    /// <summary><c>--tools</c>.</summary>
    public static IReadOnlySet<string> Tools { get; } =
        new HashSet<string>(["callTools", "resolveToolResults", "callInteractiveTool"], StringComparer.Ordinal);

    /// <summary><c>--delegations</c>.</summary>
    public static IReadOnlySet<string> Delegations { get; } = new HashSet<string>(["callDelegate", "stopRunByDelegate"], StringComparer.Ordinal);

    /// <summary>Every stored event type, as the event contract declares them (its <c>type</c> discriminators).</summary>
    public static IReadOnlyList<string> Known { get; } =
        PerstackJson.RunEvent.PolymorphismOptions!.DerivedTypes.Select(d => (string)d.TypeDiscriminator!).ToList();
}
