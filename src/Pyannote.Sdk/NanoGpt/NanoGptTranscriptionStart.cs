using Pyannote.Sdk.Jobs;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>
/// What <see cref="NanoGptClient.StartTranscriptionAsync"/> got back: either a finished transcription (NanoGPT answered
/// 200) or a job to await (NanoGPT answered 202). Exactly one of <see cref="Transcription"/> and <see cref="Job"/> is set.
/// </summary>
public class NanoGptTranscriptionStart
{
    /// <summary>For mocking only.</summary>
    protected NanoGptTranscriptionStart()
    {
    }

    internal NanoGptTranscriptionStart(NanoGptTranscription transcription) => Transcription = transcription;

    internal NanoGptTranscriptionStart(NanoGptTranscriptionJob job) => Job = job;

    /// <summary>Whether NanoGPT answered with the finished transcription at once.</summary>
    public virtual bool IsCompleted => Transcription is not null;

    /// <summary>The finished transcription when NanoGPT answered at once; otherwise <see langword="null"/>.</summary>
    public virtual NanoGptTranscription? Transcription { get; }

    /// <summary>The job when NanoGPT answered with one; otherwise <see langword="null"/>.</summary>
    public virtual NanoGptTranscriptionJob? Job { get; }

    /// <summary>The transcription: returned at once when it is already there, otherwise awaited by polling the job.</summary>
    /// <param name="options">Polling schedule and maximum wait; <see langword="null"/> for the client's defaults.</param>
    /// <param name="progress">Receives job progress reports (only when there is a job).</param>
    /// <param name="cancellationToken">Stops waiting (the job keeps running on NanoGPT's side).</param>
    /// <returns>The transcription.</returns>
    /// <exception cref="SpeechJobFailedException">The job failed; carries NanoGPT's reason.</exception>
    /// <exception cref="SpeechJobTimeoutException">The maximum wait was reached.</exception>
    /// <exception cref="SpeechJobNotFoundException">NanoGPT does not know the job.</exception>
    /// <exception cref="SpeechApiException">NanoGPT answered a status request with an error.</exception>
    public virtual Task<NanoGptTranscription> WaitForCompletionAsync(JobWaitOptions? options = null, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Transcription is { } done ? Task.FromResult(done)
        : Job is { } job ? job.WaitForCompletionAsync(options, progress, cancellationToken)
        : throw new InvalidOperationException("Neither a transcription nor a job is set.");

    /// <inheritdoc />
    public override string ToString() => IsCompleted ? "NanoGPT transcription (completed)" : $"NanoGPT job {Job?.Id}";
}
