namespace Perstack.Core.Providers;

/// <summary>Hears what a streamed model call produces, as it arrives (see <see cref="LiveStreamingChatClient"/>).</summary>
public interface IChatStreamObserver
{
    /// <summary>An attempt starts (again, after a retry): what was heard before is void.</summary>
    void Started();

    /// <summary>A piece of the model's reasoning.</summary>
    void Reasoning(string delta);

    /// <summary>A piece of the answer text.</summary>
    void Text(string delta);
}
