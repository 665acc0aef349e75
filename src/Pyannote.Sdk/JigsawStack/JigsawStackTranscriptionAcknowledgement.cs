namespace Pyannote.Sdk.JigsawStack;

/// <summary>The immediate answer to a transcription started with a webhook: the result is POSTed to the webhook later.</summary>
public sealed class JigsawStackTranscriptionAcknowledgement
{
    /// <summary>Creates an acknowledgement (for tests and mocks).</summary>
    /// <param name="id">The job id.</param>
    /// <param name="status">The job status.</param>
    public JigsawStackTranscriptionAcknowledgement(string? id, string? status)
    {
        Id = id;
        Status = status;
    }

    /// <summary>The job id; the webhook delivery carries the same id.</summary>
    public string? Id { get; }

    /// <summary><c>processing</c> when queued, <c>error</c> when the job could not be queued.</summary>
    public string? Status { get; }

    /// <summary>The <c>success</c> flag of the answer.</summary>
    public bool? Success { get; init; }

    /// <summary>The service's request log id, if sent.</summary>
    public string? LogId { get; init; }

    /// <summary>The rate-limit headers of the answer, if sent.</summary>
    public SpeechRateLimit? RateLimit { get; init; }
}
