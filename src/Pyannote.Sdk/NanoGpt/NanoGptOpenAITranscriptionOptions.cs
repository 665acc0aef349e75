namespace Pyannote.Sdk.NanoGpt;

/// <summary>Settings of <see cref="NanoGptClient.CreateOpenAITranscriptionAsync"/>; unset values take the defaults.</summary>
public sealed class NanoGptOpenAITranscriptionOptions
{
    /// <summary>The model (required by the endpoint); <see langword="null"/> sends <see cref="NanoGptModel.WhisperLargeV3"/>.</summary>
    public NanoGptModel? Model { get; set; }

    /// <summary>A language code; <see langword="null"/> is not sent, so NanoGPT detects the language.</summary>
    public string? Language { get; set; }

    /// <summary>Fields the SDK does not model yet, sent as given next to the typed options (for example a parameter
    /// the vendor added last week). A name a typed option already sends is rejected before anything is sent.</summary>
    public IDictionary<string, System.Text.Json.Nodes.JsonNode?> AdditionalFields { get; } = new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(StringComparer.Ordinal);
}
