namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Settings of a pyannoteAI diarization job (<c>POST /v1/diarize</c>). Every setting left unset is not sent,
/// so the service applies its own default.</summary>
public class DiarizationOptions
{
    /// <summary>The diarization model; <see langword="null"/> for the service default (<see cref="PyannoteModel.Precision2"/>).</summary>
    public PyannoteModel? Model { get; set; }

    /// <summary>The exact number of speakers, when known (at least 1). Not combinable with <see cref="MinSpeakers"/> or <see cref="MaxSpeakers"/>.</summary>
    public int? NumSpeakers { get; set; }

    /// <summary>The smallest number of speakers (at least 1, not above <see cref="MaxSpeakers"/>).</summary>
    public int? MinSpeakers { get; set; }

    /// <summary>The largest number of speakers (at least 1, not below <see cref="MinSpeakers"/>).</summary>
    public int? MaxSpeakers { get; set; }

    /// <summary>Also return exclusive diarization (at most one speaker at any time), the best input for aligning words.</summary>
    public bool? Exclusive { get; set; }

    /// <summary>Also return frame-level confidence scores (large).</summary>
    public bool? Confidence { get; set; }

    /// <summary>Attach a per-speaker confidence map to every diarization segment.</summary>
    public bool? TurnLevelConfidence { get; set; }

    /// <summary>Also return the frame-level probability (0–100, 20 ms frames) that anyone is speaking
    /// (<c>speechProbability</c>), read back as <see cref="DiarizationResult.SpeechProbability"/>.</summary>
    public bool? SpeechProbability { get; set; }

    /// <summary>Also return the frame-level probability (0–100, 20 ms frames) that more than one person is speaking
    /// (<c>crosstalkProbability</c>), read back as <see cref="DiarizationResult.CrosstalkProbability"/>.</summary>
    public bool? CrosstalkProbability { get; set; }

    /// <summary>Also return, per diarization label, the frame-level probability (0–100, 20 ms frames) that the speaker is
    /// speaking (<c>speakerProbability</c>), read back as <see cref="DiarizationResult.SpeakerProbability"/>.</summary>
    public bool? SpeakerProbability { get; set; }

    /// <summary>Voice activity trade-off (<c>vadSensitivity</c>), from -5.0 to 5.0; <see langword="null"/> for the
    /// service default (0.0, balanced). Higher values miss less speech, lower values count less non-speech as speech.
    /// pyannoteAI advises tuning one sensitivity at a time.</summary>
    public double? VadSensitivity { get; set; }

    /// <summary>Overlap trade-off (<c>crosstalkSensitivity</c>), from -5.0 to 5.0; <see langword="null"/> for the
    /// service default (0.0, balanced). Higher values report more overlapping speech, lower values only clear overlaps.</summary>
    public double? CrosstalkSensitivity { get; set; }

    /// <summary>An https address that receives the outcome when the job finishes (see the webhook support).</summary>
    public Uri? Webhook { get; set; }

    /// <summary>Send only the job id and status to <see cref="Webhook"/>, without the output.</summary>
    public bool? WebhookStatusOnly { get; set; }

    /// <summary>Add speaker-attributed speech-to-text (precision-2 only; not for identification jobs).</summary>
    public bool? Transcription { get; set; }

    /// <summary>The speech-to-text model when <see cref="Transcription"/> is on; <see langword="null"/> for the service
    /// default (<see cref="PyannoteTranscriptionModel.ParakeetTdt06bV3"/>).</summary>
    public PyannoteTranscriptionModel? TranscriptionModel { get; set; }

    /// <summary>Fields the SDK does not model yet, sent as given next to the typed options (for example a parameter
    /// the vendor added last week). A name a typed option already sends is rejected before anything is sent.</summary>
    public IDictionary<string, System.Text.Json.Nodes.JsonNode?> AdditionalFields { get; } = new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(StringComparer.Ordinal);
}
