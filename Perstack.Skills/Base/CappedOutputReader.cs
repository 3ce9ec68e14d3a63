using System.Text;

namespace Perstack.Skills.Base;

/// <summary>Reads a stream to its end in the background, keeping at most <c>limit</c> characters.</summary>
internal sealed class CappedOutputReader
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public CappedOutputReader(StreamReader reader, int limit, Action onOverflow)
    {
        Completion = Task.Run(() => ReadAsync(reader, limit, onOverflow));
    }

    public Task Completion { get; }

    /// <summary>What was read so far.</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    private async Task ReadAsync(StreamReader reader, int limit, Action onOverflow)
    {
        var buffer = new char[16 * 1024];
        try
        {
            while (true)
            {
                int read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                lock (_lock)
                {
                    if (_text.Length + read > limit)
                    {
                        _text.Append(buffer, 0, limit - _text.Length);
                        onOverflow();
                        return;
                    }

                    _text.Append(buffer, 0, read);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke (the process was killed): keep what was read.
        }
    }
}
