using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// A JigsawStack transcription delivered to a webhook: the synchronous result (<see cref="Transcription"/>) plus the
/// job's <c>id</c> and <c>status</c>. JigsawStack does not sign deliveries; <see cref="IsVerified"/> says whether the
/// callback URL's secret token was checked. Immutable.
/// </summary>
public sealed class JigsawStackWebhookEvent
{
    internal JigsawStackWebhookEvent(JigsawStackTranscription transcription, string idempotencyKey)
    {
        Transcription = transcription;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>The transcription, read by the same parser as synchronous answers (both diarization shapes).</summary>
    public JigsawStackTranscription Transcription { get; }

    /// <summary>The job id JigsawStack returned when the transcription was started, if the body has it.</summary>
    public string? Id => Transcription.Id;

    /// <summary>The job status as sent (the published example says <c>success</c>; <c>error</c> marks a failure).</summary>
    public string? Status => Transcription.Status;

    /// <summary>Whether the delivery reports a failure (status <c>error</c>, or <c>failed</c>).</summary>
    public bool IsError => string.Equals(Status, "error", StringComparison.OrdinalIgnoreCase) || string.Equals(Status, "failed", StringComparison.OrdinalIgnoreCase);

    /// <summary>The correlation id carried in the callback URL (see <see cref="JigsawStackWebhook.CreateCallbackUrl"/>), when verified.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Whether the callback URL's token was checked.</summary>
    public bool IsVerified { get; init; }

    /// <summary>A key that is the same for repeated deliveries of this result: <c>jigsawstack:{id}</c>, or a hash of the
    /// body when it carries no id.</summary>
    public string IdempotencyKey { get; }

    /// <summary>Describes the event without its text.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"JigsawStack webhook: job {Id ?? "?"} {Status ?? "?"}";
}
