using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Perstack.App.Logging;

/// <summary>
/// Writes log lines to <c>perstack.log</c> in the user's state folder, one line per entry (UTC time, level, process
/// id, category, message), secrets redacted; past <see cref="MaxBytes"/> the file is renamed to
/// <c>perstack.1.log</c> (older ones shift up to <see cref="KeptFiles"/>) and a new one starts.
/// </summary>
/// <remarks>
/// Hand-written, not a served library: Microsoft.Extensions.Logging has no file provider, and Serilog.Sinks.File
/// would bring Serilog's pipeline (three more assemblies loaded at every start of the .NET tool, whose start time is
/// measured in docs/performance.md) for what is an append and a rename. Several perstack processes may share the
/// file: each appends (O_APPEND, shared) and each may rotate; a rotation racing another process's write leaves that
/// line in <c>perstack.1.log</c>, never lost. A log that cannot be written (read-only home, full disk) is given up
/// silently: logging never fails a command.
/// </remarks>
internal sealed class RotatingFileLoggerProvider : ILoggerProvider
{
    /// <summary>The size past which the file is rotated.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>How many rotated files are kept.</summary>
    public const int KeptFiles = 5;

    /// <summary>The file's name in the log folder.</summary>
    public const string FileName = "perstack.log";

    private readonly string _folder;
    private readonly LogRedaction _redaction;
    private readonly long _maxBytes;
    private readonly Lock _gate = new();
    private FileStream? _stream;
    private bool _broken;

    public RotatingFileLoggerProvider(string folder, LogRedaction redaction, long maxBytes = MaxBytes)
    {
        _folder = folder;
        _redaction = redaction;
        _maxBytes = maxBytes;
    }

    /// <summary>The log file's full path.</summary>
    public string FilePath => Path.Combine(_folder, FileName);

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    internal void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var text = exception is null ? message : $"{message} ({exception.GetType().Name}: {exception.Message})";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {LevelName(level)} [{Environment.ProcessId}] {category}: {_redaction.Redact(text).ReplaceLineEndings(" ")}\n");
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                var stream = _stream ??= Open();
                stream.Write(bytes);
                stream.Flush();
                if (stream.Length > _maxBytes)
                {
                    Rotate();
                }
            }
            // .NET reports EFBIG (a file size limit, RLIMIT_FSIZE) as an ArgumentOutOfRangeException, not an IOException.
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                _broken = true;
                var stream = _stream;
                _stream = null;
                try
                {
                    // Disposing flushes what is buffered, which fails the same way: the log is off either way.
                    stream?.Dispose();
                }
                catch (Exception disposeError) when (disposeError is IOException or ArgumentOutOfRangeException)
                {
                }
            }
        }
    }

    private FileStream Open()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Only the user reads their logs.
            Directory.CreateDirectory(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(_folder);
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(FilePath, options);
    }

    private void Rotate()
    {
        _stream!.Dispose();
        _stream = null;
        for (int i = KeptFiles - 1; i >= 1; i--)
        {
            var older = RotatedPath(i);
            if (File.Exists(older))
            {
                File.Move(older, RotatedPath(i + 1), overwrite: true);
            }
        }

        File.Move(FilePath, RotatedPath(1), overwrite: true);
    }

    private string RotatedPath(int index) => Path.Combine(_folder, $"perstack.{index}.log");

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }

    private sealed class FileLogger(RotatingFileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The factory's filter decides the level; this logger writes what reaches it.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
