using System.Text;
using Perstack.Core.Domain;
using Perstack.Core.Secrets;

namespace Perstack.Skills.Mcp;

/// <summary>
/// Keeps an MCP server's stderr of one run in the user's state folder (<c>&lt;folder&gt;/&lt;jobId&gt;/&lt;runId&gt;/&lt;skill&gt;.log</c>),
/// never in the history tree, secrets redacted; opened at the first line, so a quiet server leaves no file. A file
/// that cannot be written is given up: a server's stderr never fails a run. The folders of old jobs are pruned when a
/// new job writes its first line (<see cref="McpStderrRetention"/>).
/// </summary>
internal sealed class McpStderrFile : IDisposable
{
    private readonly string _path;
    private readonly SecretRedactor _secrets;
    private readonly Lock _gate = new();
    private StreamWriter? _writer;
    private bool _closed;

    public McpStderrFile(string folder, JobId jobId, RunId runId, string skillName, SecretRedactor secrets)
    {
        _path = Path.Combine(folder, jobId.Value, runId.Value, FileNameOf(skillName));
        _secrets = secrets;
    }

    public string FilePath => _path;

    public void Append(string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            try
            {
                _writer ??= Open();
                _writer.Write(_secrets.Redact(line));
                _writer.Write('\n');
                _writer.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _closed = true;
                _writer?.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer?.Dispose();
        }
    }

    private StreamWriter Open()
    {
        var folder = Path.GetDirectoryName(_path)!;
        var jobFolder = Path.GetDirectoryName(folder)!;
        if (!Directory.Exists(jobFolder))
        {
            // A new job's first line: the folder of every job stays bounded (McpStderrRetention), as the log file does.
            McpStderrRetention.Prune(Path.GetDirectoryName(jobFolder)!, Path.GetFileName(jobFolder), DateTime.UtcNow);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return new StreamWriter(_path, append: true, new UTF8Encoding(false));
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        return new StreamWriter(new FileStream(_path, options), new UTF8Encoding(false));
    }

    /// <summary>A skill name (<c>@perstack/base</c>, anything a perstack.toml says) as one safe file name.</summary>
    internal static string FileNameOf(string skillName)
    {
        var safe = new StringBuilder(skillName.Length);
        foreach (var c in skillName)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var name = safe.ToString().Trim('.');
        return (name.Length == 0 ? "skill" : name[..Math.Min(name.Length, 100)]) + ".log";
    }
}
