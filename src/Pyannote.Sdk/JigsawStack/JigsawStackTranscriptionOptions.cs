namespace Pyannote.Sdk.JigsawStack;

/// <summary>
/// How to transcribe with <see cref="JigsawStackClient.CreateTranscriptionAsync(AudioInput, JigsawStackTranscriptionOptions?, SpeechRequestOptions?, CancellationToken)"/>
/// and its siblings; the audio is their first argument. Unset values are not sent, so the service's defaults apply.
/// </summary>
public sealed class JigsawStackTranscriptionOptions
{
    /// <summary>A language code, or <c>auto</c> to detect (the service's default). With <see cref="Translate"/>, the target language.</summary>
    public string? Language { get; set; }

    /// <summary>Translate into English, or into <see cref="Language"/> when given (service default false).</summary>
    public bool? Translate { get; set; }

    /// <summary>Label the transcript by speaker (diarization; service default false).</summary>
    public bool? BySpeaker { get; set; }

    /// <summary>Processing batch size, 1 to 40 (service default 30).</summary>
    public int? BatchSize { get; set; }

    /// <summary>Length of each processed chunk in seconds, more than 0 and at most 15 (service default 3).</summary>
    public double? ChunkDuration { get; set; }

    /// <summary>Ask for one chunk per word, each with its own start and end (<c>word_timestamps</c>, added to the
    /// service in 2026; service default presumably false). The result's <see cref="JigsawStackTranscription.ToTranscript"/>
    /// then has real <see cref="Transcripts.Transcript.Words"/>. Not available with streaming.</summary>
    public bool? WordTimestamps { get; set; }

    /// <summary>Fields the SDK does not model yet, sent as given next to the typed options (for example a parameter
    /// the vendor added last week). A name a typed option already sends is rejected before anything is sent.</summary>
    public IDictionary<string, System.Text.Json.Nodes.JsonNode?> AdditionalFields { get; } = new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(StringComparer.Ordinal);
}
