using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

// Trimming and Native AOT for the generated client (reasoning in docs/architecture.md, "Generation"): scoped to this one type.
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.Together.TogetherGeneratedClient", Justification = "Options always carry the source-generated TogetherJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.Together.TogetherGeneratedClient", Justification = "Options always carry the source-generated TogetherJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.Together.TogetherGeneratedClient", Justification = "The generated multipart methods with enum parameters are never called; TogetherClient builds the form itself.")]

namespace Pyannote.Sdk.Generated.Together;

// Customisation of the generated Together client (never edit Together.g.cs by hand).
internal partial class TogetherGeneratedClient
{
    /// <summary>The serializer settings of the generated client, for bodies the hand-written layer reads itself.</summary>
    internal static JsonSerializerOptions Json => _settings.Value;

    /// <summary>The source-generated metadata of <typeparamref name="T"/>, bound to <see cref="Json"/>.</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T));

    // Every DTO is read and written through source-generated metadata (trimming- and AOT-safe): the resolver is the
    // vendor's context only, with no reflection fallback, so a DTO missing from it fails the DTO coverage test. The
    // modifier reads repeated speaker labels once (see SpeakerLabelInterning).
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.TypeInfoResolver = TogetherJsonContext.Default.WithAddedModifier(Pyannote.Sdk.Together.SpeakerLabelInterning.Modify);
    }
}
