using System.Diagnostics;
using System.Globalization;

namespace Perstack.TestKit.Processes;

/// <summary>
/// A real <c>perstack</c> process that gets a real POSIX signal (sent with <c>kill</c>) once its stdout shows a given
/// line, or once the test says so; measures how long the process took to exit after the signal.
/// </summary>
internal sealed class SignalledRun : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reader;
    private readonly Task<string> _error;
    private readonly Func<string, bool> _trigger;
    private readonly TaskCompletionSource _triggered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SignalledRun(ProcessStartInfo start, Func<string, bool> trigger)
    {
        _trigger = trigger;
        _process = ChildProcess.Start(start);
        _process.StandardInput.Close();
        _error = _process.StandardError.ReadToEndAsync();
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>The signals a user or a supervisor sends, with the exit code each must end with.</summary>
    public static readonly (string Name, int ExitCode)[] Signals = [("INT", 130), ("TERM", 143), ("HUP", 129)];

    /// <summary>The stdout lines read so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>Starts the process; <paramref name="trigger"/> marks the stdout line after which the signal may go.</summary>
    public static SignalledRun Start(ProcessStartInfo start, Func<string, bool> trigger) => new(start, trigger);

    /// <summary>Waits for the trigger line (or the process's end, which fails the wait).</summary>
    public async Task WaitForTriggerAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_triggered.Task, exited, Task.Delay(timeout));
        if (done != _triggered.Task)
        {
            throw new InvalidOperationException(
                $"The trigger line never came ({(done == exited ? $"exit {_process.ExitCode}" : "timeout")}); stdout: {string.Join('\n', Lines.Select(l => l.Length > 300 ? l[..300] : l))}\nstderr: {(_process.HasExited ? await _error : "")}");
        }
    }

    /// <summary>Sends <c>SIG<paramref name="signal"/></c> and waits for the exit; returns the exit code, stderr and the time from signal to exit.</summary>
    public async Task<(int ExitCode, string Error, TimeSpan StopTime)> SignalAsync(string signal, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = ChildProcess.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"perstack did not stop within {timeout.TotalSeconds} s of SIG{signal}");
        }

        var stopTime = clock.Elapsed;
        await _reader;
        return (_process.ExitCode, await _error, stopTime);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }

            if (_trigger(line))
            {
                _triggered.TrySetResult();
            }
        }
    }
}
