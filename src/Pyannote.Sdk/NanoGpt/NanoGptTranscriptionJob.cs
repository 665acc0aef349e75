using Pyannote.Sdk.Jobs;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>
/// A NanoGPT transcription job (Elevenlabs-STT and the voice-clone models). Awaited like every other vendor job:
/// <see cref="SpeechJob{T}.WaitForCompletionAsync"/> polls <c>POST /api/transcribe/status</c>, echoing the fields of
/// <see cref="Info"/>, with backoff and a maximum wait. A failed job throws <see cref="SpeechJobFailedException"/>
/// carrying NanoGPT's <c>error</c>.
/// </summary>
public class NanoGptTranscriptionJob : SpeechJob<NanoGptTranscription>
{
    private readonly NanoGptClient? _client;

    /// <summary>For mocking only.</summary>
    protected NanoGptTranscriptionJob()
    {
        Info = new NanoGptJobInfo("mock");
    }

    internal NanoGptTranscriptionJob(NanoGptClient client, NanoGptJobInfo info, JobStatus status, SpeechClientOptions options)
        : base(info.RunId, status, options)
    {
        _client = client;
        Info = info;
    }

    /// <inheritdoc />
    public override SpeechVendor Vendor => SpeechVendor.NanoGpt;

    /// <summary>What NanoGPT returned when it accepted the job; persist it to resume the job elsewhere.</summary>
    public virtual NanoGptJobInfo Info { get; }

    private protected override Task<JobSnapshot<NanoGptTranscription>> FetchAsync(CancellationToken cancellationToken) =>
        (_client ?? throw new InvalidOperationException("This job was created for mocking and cannot poll.")).FetchJobAsync(Info, cancellationToken);
}
