using System.Text.Json.Serialization;

namespace Perstack.Storage.Checkpoints;

/// <summary>Source-generated JSON for the storage adapter's own bookkeeping files.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CheckpointIndex))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
