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

    /// <summary>An https address that receives the outcome when the job finishes (see the webhook support).</summary>
    public Uri? Webhook { get; set; }

    /// <summary>Send only the job id and status to <see cref="Webhook"/>, without the output.</summary>
    public bool? WebhookStatusOnly { get; set; }

    /// <summary>Add speaker-attributed speech-to-text (precision-2 only; not for identification jobs).</summary>
    public bool? Transcription { get; set; }

    /// <summary>The speech-to-text model when <see cref="Transcription"/> is on; <see langword="null"/> for the service
    /// default (<see cref="PyannoteTranscriptionModel.ParakeetTdt06bV3"/>).</summary>
    public PyannoteTranscriptionModel? TranscriptionModel { get; set; }
}
