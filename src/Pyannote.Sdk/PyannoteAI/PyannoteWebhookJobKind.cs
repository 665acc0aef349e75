namespace Pyannote.Sdk.Webhooks;

/// <summary>Which kind of pyannoteAI job a webhook reports, as far as its body tells.</summary>
public enum PyannoteWebhookJobKind
{
    /// <summary>The body has no output (a failed or canceled job, or a status-only webhook).</summary>
    Unknown,

    /// <summary>A diarization job (<c>POST /v1/diarize</c>), possibly with a transcript.</summary>
    Diarization,

    /// <summary>An identification job (<c>POST /v1/identify</c>).</summary>
    Identification,

    /// <summary>A voiceprint job (<c>POST /v1/voiceprint</c>).</summary>
    Voiceprint,
}
