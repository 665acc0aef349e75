namespace Pyannote.Sdk.NanoGpt;

/// <summary>The answer of NanoGPT's OpenAI-compatible transcription endpoint. Immutable.</summary>
public sealed class NanoGptOpenAITranscription
{
    /// <summary>Creates a result (for tests and mocks).</summary>
    /// <param name="text">The transcript.</param>
    public NanoGptOpenAITranscription(string text)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The transcript.</summary>
    public string Text { get; }

    /// <summary>The language used or detected, when sent (the docs show it; the vendor's agent guide does not).</summary>
    public string? Language { get; init; }

    /// <summary>The audio's length, when sent.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The model that was asked for.</summary>
    public string? Model { get; init; }

    /// <summary>Maps the text to the common transcript (no words or speakers: this endpoint gives text only).</summary>
    /// <returns>The transcript.</returns>
    public Transcripts.Transcript ToTranscript() => new(Array.Empty<Transcripts.TranscriptWord>(), Array.Empty<Transcripts.SpeakerTurn>())
    {
        Text = Text.Trim(),
        Language = Language,
        Duration = Duration,
        Vendor = SpeechVendor.NanoGpt,
        Model = Model,
        RawRepresentation = this,
    };

    /// <summary>The vendor's answer as JSON, members the SDK does not know included.</summary>
    public System.Text.Json.JsonElement? RawPayload => Raw?.Value;

    internal Http.RawJson? Raw { get; set; }

    /// <summary>What the vendor's last answer for this result said besides its body: status, request id, rate-limit
    /// state and headers.</summary>
    public SpeechResponseInfo? Response { get; internal set; }
}
