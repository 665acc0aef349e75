using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

// Trimming and Native AOT for the generated client (reasoning in docs/architecture.md, "Generation"): scoped to this one type.
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.NanoGpt.NanoGptGeneratedClient", Justification = "Options always carry the source-generated NanoGptJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.NanoGpt.NanoGptGeneratedClient", Justification = "Options always carry the source-generated NanoGptJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.NanoGpt.NanoGptGeneratedClient", Justification = "The generated multipart method with enum parameters is never called; NanoGptClient builds the form itself.")]

namespace Pyannote.Sdk.Generated.NanoGpt;

/// <summary>Settings for the generated NanoGPT client, and access to its serializer for the requests the hand-written
/// layer builds itself.</summary>
internal partial class NanoGptGeneratedClient
{
    /// <summary>The serializer settings the generated client uses, for hand-built requests and answers.</summary>
    internal static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerSettings();

    /// <summary>The source-generated metadata of <typeparamref name="T"/>, bound to <see cref="SerializerOptions"/>.</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)SerializerOptions.GetTypeInfo(typeof(T));

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        // Unset optional fields stay off the wire: NanoGPT applies its own defaults to absent fields.
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

        // Source-generated metadata only (trimming- and AOT-safe, no reflection fallback).
        settings.TypeInfoResolver = NanoGptJsonContext.Default;
    }
}
