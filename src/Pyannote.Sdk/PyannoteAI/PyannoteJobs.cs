using Pyannote.Sdk.Jobs;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI job (diarization, identification or voiceprint): inspect it, refresh it, or wait for its
/// result. Carries the service's latest warning.</summary>
/// <typeparam name="T">The job's result.</typeparam>
public abstract class PyannoteJob<T> : SpeechJob<T>
{
    private readonly PyannoteClient? _client;

    /// <summary>For mocking only.</summary>
    protected PyannoteJob()
    {
    }

    private protected PyannoteJob(PyannoteClient client, string id, JobStatus status, string? warning)
        : base(id, status, client.Options)
    {
        _client = client;
        Warning = warning;
    }

    /// <inheritdoc />
    public override SpeechVendor Vendor => SpeechVendor.Pyannote;

    /// <summary>The latest warning from the service (when the job was created, or in its output).</summary>
    public virtual string? Warning { get; private set; }

    /// <summary>Maps a succeeded job's output to the result.</summary>
    private protected abstract T Map(G.JobOutput output);

    private protected override async Task<JobSnapshot<T>> FetchAsync(CancellationToken cancellationToken)
    {
        var job = await _client!.FetchJobAsync(Id, cancellationToken).ConfigureAwait(false);
        Warning = job.Output?.Warning ?? Warning;
        return PyannoteJobSnapshots.From(Id, job, Map);
    }
}

/// <summary>A pyannoteAI diarization job: inspect it, refresh it, or wait for its <see cref="DiarizationResult"/>.
/// Resume a job started elsewhere with <see cref="PyannoteClient.GetDiarizationJob"/>.</summary>
public class DiarizationJob : PyannoteJob<DiarizationResult>
{
    private readonly string? _transcriptionModel;

    /// <summary>For mocking only.</summary>
    protected DiarizationJob()
    {
    }

    internal DiarizationJob(PyannoteClient client, string id, JobStatus status, string? warning, string? transcriptionModel)
        : base(client, id, status, warning)
    {
        _transcriptionModel = transcriptionModel;
    }

    private protected override DiarizationResult Map(G.JobOutput output) => PyannoteOutputMapper.ToDiarizationResult(output, _transcriptionModel);
}

/// <summary>A pyannoteAI identification job: inspect it, refresh it, or wait for its <see cref="IdentificationResult"/>.</summary>
public class IdentificationJob : PyannoteJob<IdentificationResult>
{
    /// <summary>For mocking only.</summary>
    protected IdentificationJob()
    {
    }

    internal IdentificationJob(PyannoteClient client, string id, JobStatus status, string? warning)
        : base(client, id, status, warning)
    {
    }

    private protected override IdentificationResult Map(G.JobOutput output) => PyannoteOutputMapper.ToIdentificationResult(output);
}

/// <summary>A pyannoteAI voiceprint job: its value is the voiceprint, to pass to identification as a
/// <see cref="PyannoteVoiceprint"/>.</summary>
public class VoiceprintJob : PyannoteJob<string>
{
    /// <summary>For mocking only.</summary>
    protected VoiceprintJob()
    {
    }

    internal VoiceprintJob(PyannoteClient client, string id, JobStatus status, string? warning)
        : base(client, id, status, warning)
    {
    }

    private protected override string Map(G.JobOutput output) => PyannoteOutputMapper.ToVoiceprint(output);
}

/// <summary>Turns one <c>GET /v1/jobs/{jobId}</c> answer into a job snapshot.</summary>
internal static class PyannoteJobSnapshots
{
    public static JobStatus Status(string? status) =>
        string.IsNullOrWhiteSpace(status)
            ? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job has no status.")
            : new JobStatus(status);

    public static JobSnapshot<T> From<T>(string id, G.JobResponse job, Func<G.JobOutput, T> map)
    {
        var status = Status(job.Status);
        if (status.IsSucceeded)
        {
            if (job.Output is null)
            {
                throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, $"job {id} succeeded but its output is missing.");
            }

            return JobSnapshot<T>.Succeeded(status, map(job.Output));
        }

        if (status.IsFailed || status.IsCanceled)
        {
            return JobSnapshot<T>.Failed(status, job.Output?.Error);
        }

        return JobSnapshot<T>.Running(status);
    }
}
