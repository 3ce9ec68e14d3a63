using System.Text.Json;
using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Runtime;

namespace Perstack.App.Features.Run;

/// <summary>Prints each run event as one compact JSON line (identical to the stored event file); nothing else.</summary>
internal sealed class NdjsonEventWriter : IRunEventSink
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public NdjsonEventWriter(TextWriter output) => _output = output;

    public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        var line = JsonSerializer.Serialize(runEvent, PerstackJson.RunEvent);
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
