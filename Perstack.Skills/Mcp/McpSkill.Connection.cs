using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;

namespace Perstack.Skills.Mcp;

/// <summary>Connecting to the server (once, shared by all callers), watching it afterwards, and stopping it.</summary>
public sealed partial class McpSkill
{
    private Task<Connection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        Task<Connection> connecting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connecting = _connecting ??= Task.Run(ConnectCoreAsync, CancellationToken.None);
        }

        return connecting.WaitAsync(cancellationToken);
    }

    private async Task<Connection> ConnectCoreAsync()
    {
        var time = _options.TimeProvider;
        long started = time.GetTimestamp();
        if (_stdio is { } launch)
        {
            Post((id, at, jobId, runId) => new SkillStartingEvent
            {
                Id = id, Timestamp = at, JobId = jobId, RunId = runId, SkillName = Name, Command = launch.Command, Args = launch.Args,
            });
        }

        // The deadline runs on the options' clock (the SDK's initialization and discover-probe timeouts too, below), so a
        // test can hold it still while servers start on a busy machine; in production it is the system clock.
        using var deadline = new CancellationTokenSource(_options.StartTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token, deadline.Token);
        McpClient? client = null;
        McpChildProcess? process = null;
        try
        {
            var options = new McpClientOptions
            {
                ClientInfo = new Implementation { Name = $"{Name}-mcp-client", Version = ClientVersion },
                InitializationTimeout = _options.StartTimeout,
                TimeProvider = time,
            };
            IClientTransport transport;
            if (_stdio is { } stdio)
            {
                process = McpChildProcess.Start(stdio, OnStderrLine);
                transport = new StreamClientTransport(process.Input, process.Output);
            }
            else
            {
                transport = new HttpClientTransport(new HttpClientTransportOptions
                {
                    Name = Name,
                    Endpoint = _endpoint!,
                    TransportMode = HttpTransportMode.AutoDetect,
                    ConnectionTimeout = _options.StartTimeout,
                });
            }

            client = await McpClient.CreateAsync(transport, options, loggerFactory: _options.LoggerFactory, timeout.Token).ConfigureAwait(false);
            long connected = time.GetTimestamp();
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            var offered = tools
                .Where(tool => !_omit.Contains(tool.Name) && (_pick.Count == 0 || _pick.Contains(tool.Name)))
                .Select(tool => new ToolDefinition(tool.Name, tool.Description ?? "", tool.ProtocolTool.InputSchema))
                .ToList();
            var serverInfo = client.ServerInfo is { } info ? new ServerInfo { Name = info.Name, Version = info.Version } : null;
            lock (_gate)
            {
                _connected = true;
            }

            Post((id, at, jobId, runId) => new SkillConnectedEvent
            {
                Id = id,
                Timestamp = at,
                JobId = jobId,
                RunId = runId,
                SkillName = Name,
                ServerInfo = serverInfo,
                ConnectDurationMs = Milliseconds(time.GetElapsedTime(started, connected)),
                TotalDurationMs = Milliseconds(time.GetElapsedTime(started)),
            });
            _ = WatchAsync(client);
            return new Connection(client, process, offered, offered.Select(tool => tool.Name).ToHashSet(StringComparer.Ordinal));
        }
        catch (Exception e)
        {
            bool cancelled = e is OperationCanceledException && _lifetime.IsCancellationRequested;
            bool timedOut = !cancelled && e is OperationCanceledException or TimeoutException;
            var exit = cancelled || timedOut || process is null ? null : await process.DescribeExitAsync(ExitGrace).ConfigureAwait(false);
            await StopAsync(client, process).ConfigureAwait(false);
            if (cancelled)
            {
                throw;
            }

            var reason = timedOut ? $"timed out after {Milliseconds(_options.StartTimeout)} ms" : exit ?? Describe(e);
            throw new PerstackException($"Skill {Name} failed to start: {reason}", e);
        }
    }

    private void OnStderrLine(string line)
    {
        _stderr?.Append(line);
        Post((id, at, jobId, runId) => new SkillStderrEvent
        {
            Id = id, Timestamp = at, JobId = jobId, RunId = runId, SkillName = Name, Message = line,
        });
    }

    /// <summary>Reports a server that goes away on its own (crash, dropped connection).</summary>
    private async Task WatchAsync(McpClient client)
    {
        await client.Completion.ConfigureAwait(false);
        OnDisconnected();
    }

    /// <summary>Marks a connected skill disconnected and reports it, once.</summary>
    private void OnDisconnected()
    {
        lock (_gate)
        {
            if (!_connected || _disconnected)
            {
                return;
            }

            _disconnected = true;
            Post((id, at, jobId, runId) => new SkillDisconnectedEvent { Id = id, Timestamp = at, JobId = jobId, RunId = runId, SkillName = Name });
        }
    }

    private void Post(Func<string, long, JobId, RunId, RuntimeEvent> create)
    {
        if (_events is { } events)
        {
            events.Post(create(IdGenerator.Next(), _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), events.Target.JobId, events.Target.RunId));
        }
    }

    /// <summary>Stops the server (killing a child's whole process tree) and delivers the remaining events.</summary>
    public async ValueTask DisposeAsync()
    {
        Task<Connection>? connecting;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connecting = _connecting;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (connecting is not null)
        {
            try
            {
                var connection = await connecting.ConfigureAwait(false);
                await StopAsync(connection.Client, connection.Process).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A failed or cancelled start already stopped what it had started.
            }

            OnDisconnected();
        }

        if (_events is not null)
        {
            await _events.CompleteAsync().ConfigureAwait(false);
        }

        _stderr?.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Kills the process tree first (so nothing it started survives), then closes the session.</summary>
    private async Task StopAsync(McpClient? client, McpChildProcess? process)
    {
        if (process is not null)
        {
            await process.KillTreeAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }

        if (client is not null)
        {
            try
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Closing a broken session may fail; the process is gone all the same.
            }
        }

        process?.Dispose();
    }
}
