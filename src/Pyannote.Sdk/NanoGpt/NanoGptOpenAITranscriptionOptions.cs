using System.Text.Json;
using Pyannote.Sdk.Generated.NanoGpt;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>Settings of <see cref="NanoGptClient.CreateOpenAITranscriptionAsync"/>; unset values take the defaults.</summary>
public sealed class NanoGptOpenAITranscriptionOptions
{
    /// <summary>The model (required by the endpoint); <see langword="null"/> sends <see cref="NanoGptModel.WhisperLargeV3"/>.</summary>
    public NanoGptModel? Model { get; set; }

    /// <summary>A language code; <see langword="null"/> is not sent, so NanoGPT detects the language.</summary>
    public string? Language { get; set; }
}
