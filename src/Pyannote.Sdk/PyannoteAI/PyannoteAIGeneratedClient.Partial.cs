using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

// Trimming and Native AOT for the generated client (reasoning in docs/architecture.md, "Generation"): scoped to this one type.
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient", Justification = "Options always carry the source-generated PyannoteAIJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient", Justification = "Options always carry the source-generated PyannoteAIJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient", Justification = "No enum reaches ConvertToString: the pyannoteAI API has no enum parameters.")]

namespace Pyannote.Sdk.Generated.PyannoteAI;

/// <summary>Serializer settings of the generated pyannoteAI client: unset (null) request fields are left out of the JSON,
/// so the vendor applies its own defaults.</summary>
internal partial class PyannoteAIGeneratedClient
{
    /// <summary>The settings every pyannoteAI body is read and written with (also used by the output mapper).</summary>
    internal static JsonSerializerOptions SharedSettings => _settings.Value;

    /// <summary>The source-generated metadata of <typeparamref name="T"/>, bound to <see cref="SharedSettings"/>.</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)SharedSettings.GetTypeInfo(typeof(T));

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

        // Source-generated metadata only (trimming- and AOT-safe, no reflection fallback).
        settings.TypeInfoResolver = PyannoteAIJsonContext.Default;
    }
}
