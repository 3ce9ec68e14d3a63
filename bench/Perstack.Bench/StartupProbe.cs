using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime;
using System.Text;

#pragma warning disable CA1050 // The runtime looks the startup hook up as the global type "StartupHook".

/// <summary>
/// A .NET startup hook that profiles a <c>perstack</c> process without changing it:
/// <c>DOTNET_STARTUP_HOOKS=bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll perstack run …</c>.
/// At exit it writes to <c>$PERSTACK_PROBE_OUT</c> (else stderr): the time from process start to the hook (runtime
/// start-up) and to exit, JIT totals (<see cref="JitInfo"/>), GC totals, the HTTP requests with their times, and,
/// with <c>PERSTACK_PROBE_JIT=1</c>, the jitted methods and JIT time by namespace (an in-process EventListener on the
/// runtime's JIT events, which slows the process down: use it to attribute, not to time); with
/// <c>PERSTACK_PROBE_ASSEMBLIES=1</c>, the names of the loaded assemblies.
/// </summary>
internal static class StartupHook
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static ProbeListener? s_listener;
    private static double s_hookAt;

    public static void Initialize()
    {
        s_hookAt = SinceStart();
        s_listener = new ProbeListener(Environment.GetEnvironmentVariable("PERSTACK_PROBE_JIT") == "1");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Report();
    }

    private static double SinceStart() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;

    private static void Report()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(Invariant, $"probe: hook (runtime start-up) at {s_hookAt:F0} ms, exit at {SinceStart():F0} ms after process start"));
        text.AppendLine(string.Create(Invariant,
            $"probe: JIT {JitInfo.GetCompiledMethodCount()} methods, {JitInfo.GetCompiledILBytes() / 1024} KB IL, {JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms compiling (all threads)"));
        text.AppendLine(string.Create(Invariant,
            $"probe: GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, {GC.GetTotalAllocatedBytes() / 1024} KB allocated, {GC.GetTotalPauseDuration().TotalMilliseconds:F1} ms paused; {AppDomain.CurrentDomain.GetAssemblies().Length} assemblies loaded"));
        if (Environment.GetEnvironmentVariable("PERSTACK_PROBE_ASSEMBLIES") == "1")
        {
            text.AppendLine("probe: assemblies: " + string.Join(' ', AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal)));
        }

        s_listener?.Report(text);
        var path = Environment.GetEnvironmentVariable("PERSTACK_PROBE_OUT");
        if (string.IsNullOrEmpty(path))
        {
            Console.Error.Write(text);
        }
        else
        {
            File.AppendAllText(path, text.ToString());
        }
    }

    private sealed class ProbeListener : EventListener
    {
        private const EventKeywords JitKeyword = (EventKeywords)0x10;
        private readonly bool _jit;
        private int _lastHttpEvent;
        private readonly ConcurrentQueue<string> _http = new();
        private readonly ConcurrentDictionary<string, (int Count, double Ms)> _byNamespace = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(long Thread, long Method), DateTime> _jitStarts = new();

        public ProbeListener(bool jit)
        {
            _jit = jit;
            foreach (var source in EventSource.GetSources())
            {
                OnEventSourceCreated(source);
            }
        }

        public void Report(StringBuilder text)
        {
            foreach (var line in _http)
            {
                text.AppendLine(line);
            }

            if (_byNamespace.IsEmpty)
            {
                return;
            }

            text.AppendLine("probe: jitted methods by namespace (count, JIT ms by event times):");
            foreach (var (name, (count, ms)) in _byNamespace.OrderByDescending(e => e.Value.Ms).Take(15))
            {
                text.AppendLine(string.Create(Invariant, $"probe:   {name,-40} {count,6} {ms,8:F1} ms"));
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            switch (eventSource?.Name)
            {
                case "System.Net.Http":
                    EnableEvents(eventSource, EventLevel.Informational);
                    break;
                case "Microsoft-Windows-DotNETRuntime" when _jit:
                    EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
                    break;
                default:
                    break;
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            switch (eventData.EventName)
            {
                // HttpClient and the handler it wraps each report a request: the second of a pair is dropped.
                case "RequestStart" when Interlocked.Exchange(ref _lastHttpEvent, 1) != 1:
                    _http.Enqueue(string.Create(Invariant, $"probe: HTTP {Payload(eventData, "pathAndQuery")} started at {SinceStart():F0} ms"));
                    break;
                case "RequestStop" when Interlocked.Exchange(ref _lastHttpEvent, 2) != 2:
                    _http.Enqueue(string.Create(Invariant, $"probe: HTTP request done at {SinceStart():F0} ms (status {Payload(eventData, "statusCode")})"));
                    break;
                case "ConnectionEstablished":
                    _http.Enqueue(string.Create(Invariant, $"probe: HTTP connection established at {SinceStart():F0} ms"));
                    break;
                case "MethodJittingStarted_V1":
                    _jitStarts[(eventData.OSThreadId, Convert.ToInt64(Payload(eventData, "MethodID"), Invariant))] = eventData.TimeStamp;
                    break;
                case "MethodLoadVerbose_V1" or "MethodLoadVerbose_V2":
                    var key = (eventData.OSThreadId, Convert.ToInt64(Payload(eventData, "MethodID"), Invariant));
                    if (_jitStarts.TryRemove(key, out var started))
                    {
                        var ms = (eventData.TimeStamp - started).TotalMilliseconds;
                        var group = Group(Payload(eventData, "MethodNamespace") as string ?? "?");
                        _byNamespace.AddOrUpdate(group, (1, ms), (_, v) => (v.Count + 1, v.Ms + ms));
                    }

                    break;
                default:
                    break;
            }
        }

        private static object? Payload(EventWrittenEventArgs eventData, string name) =>
            eventData.PayloadNames?.IndexOf(name) is int index and >= 0 ? eventData.Payload?[index] : null;

        /// <summary>The first two parts of a type name (<c>Anthropic.Models</c>, <c>System.Text</c>), generics cut.</summary>
        private static string Group(string typeName)
        {
            var name = typeName.Split('[', '`', '<')[0];
            var parts = name.Split('.');
            return parts.Length <= 2 ? name : parts[0] + "." + parts[1] + (parts[0] == "System" && parts.Length > 3 ? "." + parts[2] : string.Empty);
        }
    }
}
