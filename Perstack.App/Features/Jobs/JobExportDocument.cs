using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs export --format json</c> writes and <c>perstack jobs import</c> reads: one whole job.</summary>
internal sealed record JobExportDocument
{
    /// <summary>The <see cref="Format"/> value of an export.</summary>
    public const string FormatName = "perstack-job-export";

    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public required string Format { get; init; }

    /// <summary>The document version.</summary>
    public required int Version { get; init; }

    /// <summary>The job as stored.</summary>
    public required Job Job { get; init; }

    /// <summary>Every checkpoint, full (messages included), in listing order.</summary>
    public required IReadOnlyList<Checkpoint> Checkpoints { get; init; }

    /// <summary>The run settings of the job's runs (environment values are never stored).</summary>
    public required IReadOnlyList<RunSetting> RunSettings { get; init; }

    /// <summary>Every run event, by run then time.</summary>
    public required IReadOnlyList<RunEvent> Events { get; init; }
}
