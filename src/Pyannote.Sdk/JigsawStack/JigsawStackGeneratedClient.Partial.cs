using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

// Trimming and Native AOT for the generated client (reasoning in docs/architecture.md, "Generation"): scoped to this one type.
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.JigsawStack.JigsawStackGeneratedClient", Justification = "Options always carry the source-generated JigsawStackJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.JigsawStack.JigsawStackGeneratedClient", Justification = "Options always carry the source-generated JigsawStackJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.JigsawStack.JigsawStackGeneratedClient", Justification = "No enum reaches ConvertToString: the JigsawStack operations the SDK calls take no enum parameters.")]

namespace Pyannote.Sdk.Generated.JigsawStack;

// Customisation of the generated JigsawStack client (never edit JigsawStack.g.cs by hand).
internal partial class JigsawStackGeneratedClient
{
    /// <summary>Where <see cref="ProcessResponse"/> drops the rate-limit headers of the current call: the caller puts a
    /// box in this async-local before calling the generated method and reads it afterwards.</summary>
    internal static readonly AsyncLocal<StrongBox<SpeechRateLimit?>?> RateLimitSink = new();

    /// <summary>The serializer settings of the generated client, for bodies the hand-written layer reads itself.</summary>
    internal static JsonSerializerOptions Json => _settings.Value;

    /// <summary>The source-generated metadata of <typeparamref name="T"/>, bound to <see cref="Json"/>.</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T));

    // Optional request fields that are unset are left out of the JSON body rather than sent as null; answers are read
    // leniently (the service's published examples include a trailing comma).
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        settings.AllowTrailingCommas = true;

        // Source-generated metadata only (trimming- and AOT-safe, no reflection fallback).
        settings.TypeInfoResolver = JigsawStackJsonContext.Default;
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
    {
        if (RateLimitSink.Value is { } box)
        {
            box.Value = SpeechRateLimit.FromResponse(response);
        }
    }
}

internal partial class TranscribeRequest
{
    /// <summary>Adds the caller's additional fields (checked against the typed ones) and returns the body.</summary>
    internal TranscribeRequest WithExtraFields(IDictionary<string, System.Text.Json.Nodes.JsonNode?> fields)
    {
        Pyannote.Sdk.Http.ExtraFields.AddToJson(AdditionalProperties, fields, JigsawStackGeneratedClient.TypeInfo<TranscribeRequest>(), "request");
        return this;
    }
}
