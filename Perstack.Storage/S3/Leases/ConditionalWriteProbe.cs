using Perstack.Core.Domain;

namespace Perstack.Storage.S3.Leases;

/// <summary>
/// Whether the server honours conditional writes, found once per process before the first lease: a probe object
/// (<c>{prefix}/.perstack/probes/{random}</c>, holding nothing) is written twice with <c>If-None-Match: *</c>; the
/// second write must be refused (412). Where it is not, leases cannot keep two writers apart, so writing is refused
/// with one line naming the opt-out, unless the user chose it. The probe object is deleted afterwards.
/// </summary>
internal sealed class ConditionalWriteProbe(LeaseObjects objects, bool allowUnsafeWrites) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _checked;

    /// <summary>Whether the server honoured the probe; null until it ran.</summary>
    public bool? Honoured { get; private set; }

    /// <summary>The line a refused write gets.</summary>
    public static string Refusal(string location) =>
        $"Error: The S3 server of {location} does not honour conditional writes (If-None-Match), so it cannot keep two "
        + "machines from writing one job at once; Perstack writes nothing there. To write anyway, set allowUnsafeWrites = true "
        + "in perstack.toml's [storage] table";

    public void Dispose() => _gate.Dispose();

    /// <exception cref="PerstackException">The server ignored the condition and unsafe writes are not allowed.</exception>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_checked)
            {
                return;
            }

            if (Honoured == false)
            {
                // Probed once already (and refused): the server's answer does not change within a process.
                throw new PerstackException(Refusal(objects.Location.Display));
            }

            var key = $".perstack/probes/{Guid.NewGuid():N}";
            byte[] content = "{}"u8.ToArray();
            bool honoured;
            try
            {
                await objects.CreateAsync(key, content, cancellationToken).ConfigureAwait(false);
                honoured = await objects.CreateAsync(key, content, cancellationToken).ConfigureAwait(false) is null;
            }
            finally
            {
                await objects.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }

            Honoured = honoured;
            if (!honoured && !allowUnsafeWrites)
            {
                throw new PerstackException(Refusal(objects.Location.Display));
            }

            _checked = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
