using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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

/// <summary>
/// Internal stand-in for NSwag's <c>FileParameter</c>, which NSwag would emit as a public type (the nswag file lists it
/// under <c>excludedTypeNames</c>). It only satisfies the signature of the generated multipart method, which the SDK does
/// not call: that method cannot stream a replayable upload or tell a 200 transcript from a 202 job (see
/// <see cref="Pyannote.Sdk.NanoGpt.NanoGptClient"/>).
/// </summary>
internal sealed class FileParameter
{
    public FileParameter(Stream data, string? fileName = null, string? contentType = null)
    {
        Data = data;
        FileName = fileName;
        ContentType = contentType;
    }

    public Stream Data { get; }

    public string? FileName { get; }

    public string? ContentType { get; }
}
