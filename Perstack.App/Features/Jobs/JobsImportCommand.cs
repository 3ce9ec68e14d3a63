using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs import &lt;file&gt;</c>: restores a <c>jobs export --format json</c> document.</summary>
internal static class JobsImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var fileArgument = new Argument<string>("file") { Description = "A file written by jobs export --format json" };
        var command = new Command("import", "Restore an exported job (under a new id if the id is taken); prints the job id") { fileArgument };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(fileArgument) ?? "");
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new PerstackException($"Error: Cannot read {path}: the file does not exist");
            }

            // Everything is checked before anything is written.
            var document = Read(bytes, path);
            using var context = CliContext.Create(parse, global, environment);
            return await context.RunAsync<JobsImportHandler>(handler => handler.RunAsync(context, document, cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Parses and validates an export; a one-line <see cref="PerstackException"/> names the file and the reason.</summary>
    public static JobExportDocument Read(ReadOnlySpan<byte> bytes, string path)
    {
        string Invalid(string reason) => $"Error: Invalid export file {path}: {reason}";
        try
        {
            using var probe = JsonDocument.Parse(bytes.ToArray());
            var root = probe.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != JobExportDocument.FormatName)
            {
                throw new PerstackException(Invalid($"it is not a Perstack job export (no \"format\": \"{JobExportDocument.FormatName}\")"));
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var number) || number != JobExportDocument.CurrentVersion)
            {
                throw new PerstackException(Invalid(string.Create(
                    CultureInfo.InvariantCulture, $"unsupported version {(root.TryGetProperty("version", out var v) ? v.GetRawText() : "(none)")} (this build reads version {JobExportDocument.CurrentVersion})")));
            }
        }
        catch (JsonException e)
        {
            throw new PerstackException(Invalid(PerstackJson.Describe(e)));
        }

        var document = PerstackJson.TryDeserialize(bytes, JobExportJsonContext.Document, out var problem)
            ?? throw new PerstackException(Invalid(problem ?? "unreadable"));

        // Everything but the job names its job, nested copies (checkpoints inside events) included: all must agree.
        var node = JsonSerializer.SerializeToNode(document, JobExportJsonContext.Document)!;
        foreach (var section in new[] { "checkpoints", "runSettings", "events" })
        {
            if (ForeignJobId(node[section], document.Job.Id.Value) is { } foreign)
            {
                throw new PerstackException(Invalid($"{section} name job {foreign}, not {document.Job.Id}"));
            }
        }

        if (document.Checkpoints.Contains(null!) || document.RunSettings.Contains(null!) || document.Events.Contains(null!))
        {
            throw new PerstackException(Invalid("a list holds null"));
        }

        if (ImportRules.Problem(node) is { } broken)
        {
            throw new PerstackException(Invalid(broken));
        }

        return Contents(document).Problem() is { } inconsistent ? throw new PerstackException(Invalid(inconsistent)) : document;
    }

    /// <summary>The document with every reference to its job (job, checkpoints, run settings, events, nested ones too) moved to <paramref name="jobId"/>.</summary>
    public static JobExportDocument WithJobId(JobExportDocument document, JobId jobId)
    {
        ArgumentNullException.ThrowIfNull(document);
        var node = JsonSerializer.SerializeToNode(document, JobExportJsonContext.Document)!;
        Rewrite(node, document.Job.Id.Value, jobId.Value);
        node["job"]!["id"] = jobId.Value;
        return node.Deserialize(JobExportJsonContext.Document)!;
    }

    /// <summary>The job's files as the store writes them.</summary>
    public static JobContents Contents(JobExportDocument document) => new()
    {
        Job = document.Job,
        Checkpoints = document.Checkpoints,
        RunSettings = document.RunSettings,
        Events = document.Events,
    };

    private static string? ForeignJobId(JsonNode? node, string jobId)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "jobId" && value is JsonValue text && text.TryGetValue<string>(out var id) && id != jobId)
                    {
                        return id;
                    }

                    if (ForeignJobId(value, jobId) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonArray array:
                return array.Select(item => ForeignJobId(item, jobId)).FirstOrDefault(id => id is not null);
            default:
                return null;
        }
    }

    private static void Rewrite(JsonNode? node, string from, string to)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "jobId" && value is JsonValue text && text.TryGetValue<string>(out var id) && id == from)
                    {
                        obj[name] = to;
                    }
                    else
                    {
                        Rewrite(value, from, to);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, from, to);
                }

                break;
            default:
                break;
        }
    }
}
