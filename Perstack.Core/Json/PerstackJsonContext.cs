using System.Text.Json.Serialization;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.Core.Json;

/// <summary>
/// Source-generated JSON contract of everything Perstack stores or prints: camelCase, <c>type</c>
/// discriminators (accepted anywhere in the object, as the TypeScript runtime writes them after <c>id</c>),
/// optional fields omitted, unknown fields ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(Checkpoint))]
[JsonSerializable(typeof(RunSetting))]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(RuntimeEvent))]
[JsonSerializable(typeof(CheckpointSummary))]
[JsonSerializable(typeof(List<Job>))]
[JsonSerializable(typeof(List<CheckpointSummary>))]
public sealed partial class PerstackJsonContext : JsonSerializerContext;
