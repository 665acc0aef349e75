using System.Text.Json;
using Pyannote.Sdk.Generated.NanoGpt;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>A NanoGPT audio model and what it supports, discovered from <c>/api/v1/audio-models</c> or from the SDK's
/// built-in fallback list. Immutable.</summary>
public sealed class NanoGptAudioModel
{
    internal static readonly IReadOnlyList<NanoGptAudioModel> Fallback = NanoGptModel.KnownValues
        .Select(m => new NanoGptAudioModel(m.ToString()) { SupportsSpeechToText = true, SupportsDiarization = m.SupportsDiarization })
        .ToArray();

    /// <summary>Creates a model description (for tests and mocks).</summary>
    /// <param name="id">The model id.</param>
    public NanoGptAudioModel(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The id to send as the model.</summary>
    public string Id { get; }

    /// <summary>The model as a <see cref="NanoGptModel"/>.</summary>
    public NanoGptModel Model => new(Id);

    /// <summary>The display name, when discovered.</summary>
    public string? Name { get; init; }

    /// <summary>The description, when discovered.</summary>
    public string? Description { get; init; }

    /// <summary>Whether it transcribes speech.</summary>
    public bool SupportsSpeechToText { get; init; }

    /// <summary>Whether it speaks text.</summary>
    public bool SupportsTextToSpeech { get; init; }

    /// <summary>Whether it attributes words to speakers; <see langword="null"/> when the discovered entry does not say.
    /// NanoGPT has not published the key names of <c>supported_parameters</c>: a <c>diarization</c> or <c>diarize</c>
    /// entry that is <see langword="true"/>, a non-empty list or an object counts as support, <see langword="false"/> as none.</summary>
    public bool? SupportsDiarization { get; init; }

    /// <summary>The input modalities (for example <c>audio</c>, <c>video</c>), when discovered.</summary>
    public IReadOnlyList<string> InputModalities { get; init; } = Array.Empty<string>();

    /// <summary>The raw <c>supported_parameters</c> object, when discovered (its key names are not published).</summary>
    public JsonElement? SupportedParameters { get; init; }

    /// <summary>Whether this entry came from NanoGPT's list rather than the built-in fallback.</summary>
    public bool IsDiscovered { get; init; }

    /// <inheritdoc />
    public override string ToString() => Id;

    internal static NanoGptAudioModel FromDto(AudioModel dto)
    {
        JsonElement? parameters = dto.Supported_parameters is { } p
            ? JsonSerializer.SerializeToElement(p, NanoGptGeneratedClient.TypeInfo<Dictionary<string, object>>())
            : null;
        return new NanoGptAudioModel(dto.Id!)
        {
            Name = dto.Name,
            Description = dto.Description,
            SupportsSpeechToText = dto.Capabilities?.Speech_to_text ?? true,
            SupportsTextToSpeech = dto.Capabilities?.Text_to_speech ?? false,
            SupportsDiarization = parameters is { } e ? Diarization(e) : null,
            InputModalities = dto.Architecture?.Input_modalities?.Where(s => !string.IsNullOrEmpty(s)).ToArray() ?? Array.Empty<string>(),
            SupportedParameters = parameters,
            IsDiscovered = true,
        };
    }

    private static bool? Diarization(JsonElement parameters)
    {
        foreach (var name in new[] { "diarization", "diarize" })
        {
            if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var v))
            {
                return v.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Array => v.GetArrayLength() > 0,
                    JsonValueKind.Object => true,
                    _ => null,
                };
            }
        }

        return null;
    }
}
