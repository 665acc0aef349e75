using System.Text.Json;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// A pyannoteAI webhook delivery, read into the same result types as polling. pyannoteAI calls back once per job, when
/// it reaches <c>succeeded</c>, <c>failed</c> or <c>canceled</c>, and redelivers up to three times when the receiver does
/// not answer 2xx within 10 seconds: <see cref="IdempotencyKey"/> is the same for every attempt, <see cref="RetryNumber"/>
/// tells them apart. Immutable.
/// </summary>
public sealed class PyannoteWebhookEvent
{
    internal PyannoteWebhookEvent(string jobId, JobStatus status)
    {
        JobId = jobId;
        Status = status;
    }

    /// <summary>The job id.</summary>
    public string JobId { get; }

    /// <summary>The job's status (a terminal one: succeeded, failed or canceled).</summary>
    public JobStatus Status { get; }

    /// <summary>Which kind of job the output belongs to; <see cref="PyannoteWebhookJobKind.Unknown"/> without output.</summary>
    public PyannoteWebhookJobKind JobKind { get; init; }

    /// <summary>Whether the body carries no <c>output</c>: the job was created with <c>webhookStatusOnly</c>, or it failed
    /// or was canceled (such bodies have none). For a succeeded job, fetch the result with
    /// <see cref="PyannoteClient.GetJobAsync"/> (kept for 24 hours).</summary>
    public bool IsStatusOnly { get; init; }

    /// <summary>The diarization, for diarization and identification jobs that succeeded (an
    /// <see cref="IdentificationResult"/> for the latter); otherwise <see langword="null"/>.</summary>
    public DiarizationResult? Diarization { get; init; }

    /// <summary>The identification, for identification jobs that succeeded; otherwise <see langword="null"/>.</summary>
    public IdentificationResult? Identification { get; init; }

    /// <summary>The voiceprint, for voiceprint jobs that succeeded; otherwise <see langword="null"/>.</summary>
    public string? Voiceprint { get; init; }

    /// <summary>The speaker-attributed transcript, when the diarization was run with transcription; otherwise <see langword="null"/>.</summary>
    public Transcript? Transcript => Diarization?.Transcript;

    /// <summary>The output's warning, if any.</summary>
    public string? Warning { get; init; }

    /// <summary>Why the job failed, when the body says.</summary>
    public string? Error { get; init; }

    /// <summary>The raw <c>output</c> object, when present (for fields the SDK does not map).</summary>
    public JsonElement? RawOutput { get; init; }

    /// <summary>Which attempt this is: 0 for the first delivery, 1 to 3 for redeliveries (<c>x-retry-num</c>; not signed).</summary>
    public int RetryNumber { get; init; }

    /// <summary>Whether this is a redelivery (<see cref="RetryNumber"/> above 0).</summary>
    public bool IsRetry => RetryNumber > 0;

    /// <summary>Why the previous attempt failed (<c>x-retry-reason</c>; not signed), on redeliveries.</summary>
    public WebhookRetryReason? RetryReason { get; init; }

    /// <summary>The signed <c>X-Request-Timestamp</c>, when the delivery was verified or the header was readable.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The encoding of the signature that matched; <see langword="null"/> when the event was parsed without verification.</summary>
    public PyannoteSignatureEncodings? SignatureEncoding { get; init; }

    /// <summary>Whether the signature and timestamp were checked (false for <see cref="PyannoteWebhook.ParseUnverified(ReadOnlySpan{byte}, PyannoteWebhookHeaders?)"/>).</summary>
    public bool IsVerified => SignatureEncoding is not null;

    /// <summary>A key that is the same for every delivery attempt of this job outcome (<c>pyannote:{jobId}:{status}</c>):
    /// record it once the work is done (or queued) and ignore later events with the same key.</summary>
    public string IdempotencyKey => $"pyannote:{JobId}:{Status.ToString().ToLowerInvariant()}";

    /// <summary>Describes the event (job, status, attempt) without its output.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"pyannoteAI webhook: job {JobId} {Status} ({JobKind}), attempt {RetryNumber + 1}";
}
