namespace Pyannote.Sdk.Together;

/// <summary>Settings shared by transcription and translation. Unset values are not sent, so the service's defaults apply.</summary>
public abstract class TogetherAudioOptions
{
    private protected TogetherAudioOptions()
    {
    }

    /// <summary>The model; <see langword="null"/> for the service's default (<see cref="TogetherModel.WhisperLargeV3"/>).</summary>
    public TogetherModel? Model { get; set; }

    /// <summary>An ISO 639-1 language code; for transcription also <c>auto</c>. Transcription: the audio's language;
    /// when left <see langword="null"/> or blank the client sends <c>language=auto</c> (auto-detect), because Together's
    /// published schema names <c>en</c> as the default while its guide names <c>auto</c>, and an English default would
    /// decode other languages as English. Translation: the target language; left unset it is not sent and the service
    /// translates into English.</summary>
    public string? Language { get; set; }

    /// <summary>Text that steers spelling and style (Whisper models only).</summary>
    public string? Prompt { get; set; }

    /// <summary>The response format; <see langword="null"/> for the service's default (<see cref="TogetherResponseFormat.Json"/>).</summary>
    public TogetherResponseFormat? ResponseFormat { get; set; }

    /// <summary>Sampling temperature from 0 to 1 (service default 0).</summary>
    public double? Temperature { get; set; }

    /// <summary>Timestamp granularities; requires <see cref="TogetherResponseFormat.VerboseJson"/>. One value is sent as a
    /// single <c>timestamp_granularities</c> field; both are sent as two repeated <c>timestamp_granularities[]</c> fields.</summary>
    public TogetherTimestampGranularities TimestampGranularities { get; set; }

    /// <summary>Fields the SDK does not model yet, sent as given next to the typed options (for example a parameter
    /// the vendor added last week). A name a typed option already sends is rejected before anything is sent.</summary>
    public IDictionary<string, System.Text.Json.Nodes.JsonNode?> AdditionalFields { get; } = new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(StringComparer.Ordinal);
}
