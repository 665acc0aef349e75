using System.Text.Json;

namespace Pyannote.Sdk.Generated.Together;

// Customisation of the generated Together client (never edit Together.g.cs by hand).
internal partial class TogetherGeneratedClient
{
    /// <summary>The serializer settings of the generated client, for bodies the hand-written layer reads itself.</summary>
    internal static JsonSerializerOptions Json => _settings.Value;
}

/// <summary>Stands in for NSwag's FileParameter, which NSwag emits as a public type (excluded in together.nswag).</summary>
internal sealed class FileParameter(Stream data, string? fileName = null, string? contentType = null)
{
    public Stream Data { get; } = data;

    public string? FileName { get; } = fileName;

    public string? ContentType { get; } = contentType;
}
