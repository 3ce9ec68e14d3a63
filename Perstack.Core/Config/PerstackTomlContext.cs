using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Perstack.Core.Config;

/// <summary>Source-generated (AOT-safe) Tomlyn metadata for reading a document into its untyped model.</summary>
[TomlSourceGenerationOptions(DuplicateKeyHandling = TomlDuplicateKeyHandling.Error)]
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class PerstackTomlContext : TomlSerializerContext;
