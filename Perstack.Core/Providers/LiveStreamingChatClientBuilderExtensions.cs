using Microsoft.Extensions.AI;

namespace Perstack.Core.Providers;

/// <summary>Adds <see cref="LiveStreamingChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class LiveStreamingChatClientBuilderExtensions
{
    /// <summary>Streams calls that carry an observer. Add it last (innermost), after the retry and timeout decorators.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseLiveStreaming(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new LiveStreamingChatClient(inner));
    }
}
