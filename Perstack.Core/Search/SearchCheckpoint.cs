using Perstack.Core.Domain;

namespace Perstack.Core.Search;

/// <summary>A checkpoint a search hit can open: its id and its step.</summary>
public readonly record struct SearchCheckpoint(CheckpointId Id, long StepNumber);
