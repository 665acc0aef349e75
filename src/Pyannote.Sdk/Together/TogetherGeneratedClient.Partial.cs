using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pyannote.Sdk.Generated.Together;

// Together's document declares no operations (TogetherClient builds every request through VendorRequest), so NSwag
// writes its DTOs only (Together.g.cs) and no client. This class stands in for the generated client's serializer
// settings, so the hand-written layer reads Together bodies the way it reads every other vendor's.
internal static class TogetherGeneratedClient
{
    /// <summary>The serializer settings for Together bodies (what a generated client's settings would be).</summary>
    internal static JsonSerializerOptions Json { get; } = CreateSerializerSettings();

    /// <summary>The source-generated metadata of <typeparamref name="T"/>, bound to <see cref="Json"/>.</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T));

    // Every DTO is read and written through source-generated metadata (trimming- and AOT-safe): the resolver is the
    // vendor's context only, with no reflection fallback, so a DTO missing from it fails the DTO coverage test. The
    // modifier reads repeated speaker labels once (see SpeakerLabelInterning).
    private static JsonSerializerOptions CreateSerializerSettings() => new()
    {
        TypeInfoResolver = TogetherJsonContext.Default.WithAddedModifier(Pyannote.Sdk.Together.SpeakerLabelInterning.Modify),
    };
}
