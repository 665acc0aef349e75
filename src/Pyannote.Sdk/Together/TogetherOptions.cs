namespace Pyannote.Sdk.Together;

/// <summary>Settings of a <see cref="TogetherClient"/>: endpoint (default <see cref="DefaultEndpoint"/>), timeouts,
/// retries, logging and transport.</summary>
public sealed class TogetherClientOptions : SpeechClientOptions
{
    /// <summary>The vendor's public endpoint, <c>https://api.together.ai/</c> (the host root; paths carry their version prefix).</summary>
    public static Uri DefaultEndpoint => TogetherVendor.Descriptor.DefaultEndpoint;

    /// <inheritdoc />
    private protected override Uri VendorEndpoint => DefaultEndpoint;
}

/// <summary>How much the service returns.</summary>
public enum TogetherResponseFormat
{
    /// <summary><c>json</c>: the text only.</summary>
    Json,

    /// <summary><c>verbose_json</c>: text, language, duration, segments, and words / speaker segments when asked for.</summary>
    VerboseJson,
}

/// <summary>Which timestamps to ask for (verbose JSON only). Combine with <c>|</c> for both.</summary>
[Flags]
public enum TogetherTimestampGranularities
{
    /// <summary>No preference (the field is not sent).</summary>
    None = 0,

    /// <summary>Segment-level timestamps.</summary>
    Segment = 1,

    /// <summary>Word-level timestamps.</summary>
    Word = 2,
}

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
}

/// <summary>Settings of <see cref="TogetherClient.CreateTranscriptionAsync"/>.</summary>
public sealed class TogetherTranscriptionOptions : TogetherAudioOptions
{
    /// <summary>Whether to label words with speakers and return speaker segments (sent as the form text <c>true</c>/<c>false</c>).</summary>
    public bool? Diarize { get; set; }

    /// <summary>The fewest speakers to expect; requires <see cref="Diarize"/>.</summary>
    public int? MinSpeakers { get; set; }

    /// <summary>The most speakers to expect; requires <see cref="Diarize"/>.</summary>
    public int? MaxSpeakers { get; set; }
}

/// <summary>Settings of <see cref="TogetherClient.CreateTranslationAsync"/>. Translation has no diarization or speaker hints.</summary>
public sealed class TogetherTranslationOptions : TogetherAudioOptions
{
}
